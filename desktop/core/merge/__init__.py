"""汇总: a 部门's tables as the sum of its 本级 and units, built or verified."""
