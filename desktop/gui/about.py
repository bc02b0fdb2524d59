"""帮助 and 关于: the user guide shipped with the program, and what this copy is and where its data lives."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QTextBrowser, QVBoxLayout, QWidget

from desktop import __version__, paths
from desktop.gui.errors import log_file

APP_NAME = "决算公开填报审核"


def about_text(workspace) -> str:
    lines = [f"<h3>{APP_NAME} {__version__}</h3>", "<p>部门决算公开表的填报与审核。</p>"]
    if workspace is not None:
        catalogues = "，".join(f"{c.kind}{c.edition}" for c in workspace.catalogues.values())
        lines.append(f"<p>科目目录：{catalogues}（导入的新版保存在 {paths.user_catalogues_dir()}）</p>")
        lines.append(f"<p>工作区文件：{workspace.path}</p>")
    lines.append(f"<p>用户数据目录：{paths.user_data_dir()}<br>错误日志：{log_file()}</p>")
    return "".join(lines)


def show_about(parent: QWidget, workspace) -> None:
    QMessageBox.about(parent, f"关于{APP_NAME}", about_text(workspace))


class HelpWindow(QDialog):
    """The Chinese user guide, read from resources/help."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"{APP_NAME} 使用说明")
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setSource(QUrl.fromLocalFile(str(paths.help_file())))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(760, 680)
