import io
import json
import logging

from aws_lambda_powertools import Logger

from common.observability import RedactingFormatter, logger, redact


def test_personal_keys_are_masked_at_any_depth():
    record = {"employee_no": "2026001", "name": "홍길동", "details": [{"phone": "010-1234-5678", "grade": 7}]}
    assert redact(record) == {"employee_no": "2026001", "name": "***", "details": [{"phone": "***", "grade": 7}]}


def test_the_shared_logger_uses_the_redacting_formatter():
    assert isinstance(logger.registered_formatter, RedactingFormatter)


def test_a_log_line_never_carries_a_name_or_contact():
    buffer = io.StringIO()
    probe = Logger(service="probe", level="INFO", logger_formatter=RedactingFormatter(),
                   logger_handler=logging.StreamHandler(buffer))
    probe.info("imported", extra={"reporter_name": "홍길동", "email": "hong@example.go.kr", "count": 3,
                                  "rows": [{"phone": "010-1234-5678"}]})
    line = json.loads(buffer.getvalue().strip().splitlines()[-1])
    assert line["reporter_name"] == "***" and line["email"] == "***" and line["count"] == 3
    assert line["rows"] == [{"phone": "***"}]
    assert "홍길동" not in buffer.getvalue()
