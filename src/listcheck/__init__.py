"""listcheck: clean an email contact list before it is imported into a mailing platform.

>>> from listcheck import check_address
>>> check_address("Ana Pérez <ana@correo.es>").address
'ana@correo.es'
"""

from listcheck.checks.addresses import check_address
from listcheck.errors import InputError, ListcheckError, UsageError
from listcheck.judge import check_frame, rejected_mask
from listcheck.policy import Policy
from listcheck.reasons import Destination, Reason, Status
from listcheck.reports.report import Report
from listcheck.file_check import check_file
from listcheck.verdict import AddressVerdict

__version__ = "0.1.0"

__all__ = [
    "AddressVerdict", "Destination", "InputError", "ListcheckError", "Policy", "Reason", "Report", "Status",
    "UsageError", "__version__", "check_address", "check_file", "check_frame", "rejected_mask",
]
