"""An email backend for the tests: the mail server is down for a while."""

from django.core.mail.backends.locmem import EmailBackend


class FailingBackend(EmailBackend):
    """The mail server is down for the first ``failures`` messages."""

    failures = 0
    tried = 0

    def send_messages(self, messages):
        FailingBackend.tried += 1
        if FailingBackend.tried <= FailingBackend.failures:
            raise ConnectionRefusedError("the mail server is down")
        return super().send_messages(messages)
