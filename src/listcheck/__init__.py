"""listcheck: clean an email contact list before it is imported into a mailing platform.

>>> from listcheck import check_address
>>> check_address("Ana Pérez <ana@correo.es>").address
'ana@correo.es'
"""

from .addresses import check_address
from .errors import InputError, ListcheckError, UsageError
from .pipeline import check_frame, rejected_mask
from .policy import Policy
from .reasons import Destination, Reason, Status
from .report import Report
from .runner import check_file
from .verdict import AddressVerdict

__version__ = "0.1.0"

__all__ = [
    "AddressVerdict", "Destination", "InputError", "ListcheckError", "Policy", "Reason", "Report", "Status",
    "UsageError", "__version__", "check_address", "check_file", "check_frame", "rejected_mask",
]
