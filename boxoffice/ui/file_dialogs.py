"""Choosing a file to save or open, in the window's language.

Qt's own dialog (the one a kiosk without a desktop theme shows) takes its texts from ``qtbase_<lang>.qm``, but
Qt 6 renamed two labels ("&Look in:", "Files of &type:") that the Spanish qtbase file still has only under their
old names, so they stay English: they are set here from our translations. A native dialog (Windows) speaks the
system's language and ignores them.
"""

from __future__ import annotations

from boxoffice.ui.qt import QCoreApplication, QDialog, QFileDialog, QWidget


def file_dialog(parent: QWidget | None, caption: str, path: str, filters: str, *, save: bool) -> QFileDialog:
    """A save (``save=True``) or open dialog starting at ``path``, its labels translated."""
    dialog = QFileDialog(parent, caption, path, filters)
    dialog.setObjectName("fileDialog")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile if save else QFileDialog.FileMode.ExistingFile)
    dialog.setLabelText(QFileDialog.DialogLabel.LookIn, QCoreApplication.translate("FileDialog", "Look in:"))
    dialog.setLabelText(QFileDialog.DialogLabel.FileType, QCoreApplication.translate("FileDialog", "File type:"))
    dialog.setLabelText(QFileDialog.DialogLabel.FileName, QCoreApplication.translate("FileDialog", "File name:"))
    return dialog


def choose_file(parent: QWidget | None, caption: str, path: str, filters: str, *, save: bool) -> str:
    """The file the person chose, or "" when they cancelled (like ``QFileDialog.getSaveFileName``)."""
    dialog = file_dialog(parent, caption, path, filters, save=save)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return ""
    return dialog.selectedFiles()[0]
