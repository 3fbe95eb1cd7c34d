"""The labels of the tables only a data pack has (labels.py): an agency's own rows of the
sector-level datasets, and the title of a partnership-wide summary. labels.toml rewords them as
`[pack.<key>]`; docs/parts.md lists them."""
from __future__ import annotations

from ..labels import PartLabels

PACK_LABELS: dict[str, PartLabels] = {
    "pack:attendance": PartLabels(
        title="Attendance of {agency} at board meetings",
        columns={"board": "Board", "member": "Member", "meeting": "Meeting", "attended": "Attended (1 = yes, 0 = no)"},
        fields=("agency",)),
    "pack:sector_delegates": PartLabels(
        title="Multi-agency training delegates from the {sector} sector",
        columns={"sector": "Sector", "description": "Description", "delegates": "Delegates"}, fields=("sector",)),
    "pack:csa": PartLabels(
        title="{agency} at the child sexual abuse training events",
        columns={"date": "Date", "organisation": "Organisation", "attended": "Attended"}, fields=("agency",)),
    "pack:contacts": PartLabels(
        title="Children's social care contacts from sources linked to the {sector} sector, year to date",
        columns={"source": "Source of contact", "count": "Contacts"}, fields=("sector",)),
    "pack:lado": PartLabels(
        title="LADO referrals from the settings linked to the {sector} sector",
        columns={"setting": "Setting", "referrals": "Referrals"}, fields=("sector",)),
    "pack:summary": PartLabels(title="{title} (partnership-wide)", fields=("title",)),
}
"""What each key is: attendance, the agency's marks at board meetings; sector_delegates, its
sector's training delegates; csa, its attendance at the CSA events; contacts, children's social
care contacts from its sector; lado, LADO referrals from its sector's settings; summary, the
title of a partnership-wide chart's data in every pack."""
