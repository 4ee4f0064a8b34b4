"""listcheck: clean an email contact list before it is imported into a mailing platform.

>>> from listcheck import check_address
>>> check_address("Ana Pérez <ana@correo.es>").address
'ana@correo.es'
"""

from listcheck.checks.addresses import check_address
from listcheck.errors import InputError, ListcheckError, UsageError
from listcheck.file_check import check_file
from listcheck.frames import check_frame, rejected_mask
from listcheck.messages import speaking
from listcheck.policy import Policy
from listcheck.reasons import Destination, Reason, Status
from listcheck.reports.report import Report
from listcheck.settings import DnsSettings, OutputSettings, PolicySettings, ReadingSettings, Settings
from listcheck.verdict import AddressVerdict
from listcheck.version import __version__

__all__ = [
    "AddressVerdict", "Destination", "DnsSettings", "InputError", "ListcheckError", "OutputSettings", "Policy",
    "PolicySettings", "ReadingSettings", "Reason", "Report", "Settings", "Status", "UsageError", "__version__",
    "check_address", "check_file", "check_frame", "rejected_mask", "speaking",
]
