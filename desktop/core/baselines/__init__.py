"""The figures this year's are compared with: the 年初预算 (budget) and last year's 决算 (last_year)."""
