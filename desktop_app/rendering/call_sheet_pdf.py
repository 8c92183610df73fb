"""The call sheet: an A4 PDF in the order to call, each person's phones, the message to read, boxes for the outcome.

    pdf = call_sheet_pdf(plan)      # plan: services.crossing.NotifyPlan; bytes of the PDF

Laid out as rich text (QTextDocument) and paginated by Qt onto a QPdfWriter, in the font shipped
with the program (Latin, Cyrillic, Arabic). An Arabic message is a right-to-left paragraph; names
and numbers around it keep their own direction. The outcome words are those `mission-roster
attempt` takes, so what is ticked on paper is typed back as it reads.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice
from PySide6.QtGui import QTextDocument

from desktop_app.rendering.fonts import document_font
from desktop_app.rendering.pages import pdf_writer
from desktop_app.services.crossing import NotifyPlan

translate = QCoreApplication.translate  # lupdate collects translate("Context", "text") calls

MARGIN_MM = 14.0
BOX = "\u2610"  # a ballot box, in the shipped font



def call_sheet_html(plan: NotifyPlan) -> str:
    direction = "rtl" if plan.right_to_left else "ltr"
    outcomes = "&nbsp;&nbsp; ".join(f"{BOX}&nbsp;{html.escape(word)}" for word in (
        translate("CallSheet", "reached"), translate("CallSheet", "no-answer"),
        translate("CallSheet", "wrong-number"), translate("CallSheet", "message-left")))
    title = translate("CallSheet", "Call sheet: {title}").format(title=plan.title)
    note = translate("CallSheet", "Note")
    parts = [f"<h2>{html.escape(title)}</h2>",
             "<p>" + html.escape(translate("CallSheet",
                                           "{count} persons, {missing} not reached yet · template {name} ({language})")
                                 .format(count=len(plan.recipients), missing=plan.not_reached,
                                         name=plan.template.name, language=plan.template.language)) + "</p>",
             "<table width='100%' cellspacing='0' cellpadding='5' border='0.5'>"]
    for r in plan.recipients:
        phones = "<br>".join(f"<span dir='ltr'>{html.escape(p.display).replace(' ', '&nbsp;')}</span>"
                             + (f" <small>({html.escape(p.label)})</small>" if p.label else "")
                             for p in r.phones) or html.escape(translate("CallSheet", "no phone"))
        last = (html.escape(translate("CallSheet", "last try: {outcome} at {at}").format(
            outcome=r.last_attempt.outcome.replace("_", "-"), at=f"{r.last_attempt.at:%d.%m %H:%M}"))
            if r.last_attempt else "")
        parts.append(
            "<tr>"
            f"<td width='4%' valign='top'><b>{r.order}</b></td>"
            f"<td width='26%' valign='top'><b>{html.escape(r.case_ref)}</b><br>{html.escape(r.name)}"
            f"<br><small>{html.escape(r.latin_name)}</small><br><small>{html.escape(r.household)}</small></td>"
            f"<td width='24%' valign='top'>{phones}<br><small>{last}</small></td>"
            # A template's line breaks are read out as written, not run together as HTML would.
            f"<td width='46%' valign='top'><p dir='{direction}'>{html.escape(r.message).replace(chr(10), '<br>')}</p>"
            f"<p><small>{outcomes}</small></p><p><small>{html.escape(note)}: ____________________</small></p>"
            "</td></tr>")
    parts.append("</table>")
    return "".join(parts)


def call_sheet_pdf(plan: NotifyPlan) -> bytes:
    """The call sheet of `plan` as an A4 PDF (see the module docstring)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = pdf_writer(buffer, title=translate("CallSheet", "Call sheet: {title}").format(title=plan.title),
                        margin_mm=MARGIN_MM)
    document = QTextDocument()
    document.setDefaultFont(document_font(9))
    document.setHtml(call_sheet_html(plan))
    document.print_(writer)
    buffer.close()
    data = bytes(buffer.data().data())
    if not data.startswith(b"%PDF"):
        raise OSError("the call sheet could not be drawn")
    return data
