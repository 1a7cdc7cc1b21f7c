"""One module per report kind; each exposes `build(run, progress) -> Report`."""

from ..choices import ReportKind
from . import action, certification, portfolio, results

REPORT_BUILDERS = {
    ReportKind.PORTFOLIO: portfolio.build,
    ReportKind.ACTION: action.build,
    ReportKind.RESULTS: results.build,
    ReportKind.CERTIFICATION: certification.build,
}
