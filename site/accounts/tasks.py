"""Background tasks of the accounts: the password-reset email.

The reset form queues ``send_password_reset_link`` for every address typed
(accounts/password_reset.py), so the answer takes the same work whether or
not an account exists. The task, in the worker (``manage.py db_worker``),
looks the account up and sends the link only when there is one.

The typed address is the task's argument, and the database backend keeps a
row per task: once the task has run, the address is blanked from that row
(``forget_the_address``), and ``prune_db_task_results`` deletes finished
rows (deploy/systemd/leerkring-prune-tasks.timer).
"""

from django.contrib.auth.forms import PasswordResetForm
from django.dispatch import receiver
from django.utils import translation
from django_tasks import task, task_backends
from django_tasks.signals import task_finished
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult


@task()
def send_password_reset_link(email, language, *, domain, use_https, subject_template_name,
                             email_template_name, html_email_template_name=None,
                             from_email=None, extra_email_context=None):
    """Django's reset email, in ``language``, to the active account with ``email`` if any.

    ``domain`` is the host the form was sent to; without the sites framework
    Django uses it as the site's name as well, as it does here.
    """
    form = PasswordResetForm({"email": email})
    if not form.is_valid():
        return
    with translation.override(language):
        # Django's own loop: active accounts with a usable password, a fresh token each.
        form.save(domain_override=domain, use_https=use_https,
                  subject_template_name=subject_template_name,
                  email_template_name=email_template_name,
                  html_email_template_name=html_email_template_name,
                  from_email=from_email, extra_email_context=extra_email_context)


@receiver(task_finished)
def forget_the_address(sender, task_result, **kwargs):
    """Blank the typed address from the finished task's row (sent or not, it is done)."""
    if task_result.task.module_path != send_password_reset_link.module_path:
        return
    if isinstance(task_backends[task_result.backend], DatabaseBackend):
        DBTaskResult.objects.filter(id=task_result.id).update(
            args_kwargs={"args": [], "kwargs": {}})
