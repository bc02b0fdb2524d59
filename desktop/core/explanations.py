"""The workspace's 出错说明: a reason given for a 警告 or 提示, kept by finding key even while it is gone."""

from __future__ import annotations

from desktop.core.changes import Changes, EditError
from desktop.core.checks.findings import Finding
from desktop.core.entry_text import NOTE_CHARS, entered


class ExplanationEdits:
    """The 出错说明 part of Workspace, which holds `explanations`, `engine`, `store` and `forms`."""

    def explanation(self, key: str) -> str:
        return self.explanations.get(key, "")

    def explanation_of(self, finding: Finding) -> str:
        """The 出错说明 that applies: none on an 错误, even one kept from when it was a 提示."""
        return "" if finding.severity == "错误" else self.explanation(finding.key)

    def set_explanation(self, key: str, text: str) -> Changes:
        """Explain a 警告 or 提示 (empty text clears). Kept when the finding goes away: it may return.

        An explained budget difference or overrun may drop in severity (see CheckDef.explained_severity).
        """
        text = entered(text, "出错说明", NOTE_CHARS)
        old = self.explanation(key)
        if text == old:
            return Changes()
        finding = self.engine.raw.get(key)
        if text and finding is not None and finding.severity == "错误":
            raise EditError(
                f"{finding.form}“{finding.title}”（{finding.rule}）是错误：错误不能以说明代替更正，"
                "请更正数据"
            )
        return self._write_explanations({key: text})

    def restore_explanations(self, explanations: dict[str, str]) -> Changes:
        """Put back saved explanations as they were (a snapshot, an undo), whatever the findings now."""
        changes = {k: t.strip() for k, t in explanations.items()}
        return self._write_explanations({k: t for k, t in changes.items() if t != self.explanation(k)})

    def _write_explanations(self, changes: dict[str, str]) -> Changes:
        rule_forms = {check.id: check.form for form in self.forms for check in form.checks}
        with self.store.transaction():
            for key, text in changes.items():
                form = rule_forms.get(key.split(":")[0], "")
                self.store.set_explanation(key, text, self.explanation(key), form=form)
        for key, text in changes.items():
            if text:
                self.explanations[key] = text
            else:
                self.explanations.pop(key, None)
        return Changes(findings=self.engine.recheck_keys(set(changes)), explanations=set(changes))
