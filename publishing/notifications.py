"""Wagtail's workflow e-mail (submitted, approved, rejected) through the outbox.

Wagtail sends these notices with its own SMTP connection, inside the request and whether or not
the change commits. Here the same notifiers (Wagtail's classes, its recipients and templates) queue
each message with `outbox.mail.queue_email` instead: stored in the transaction of the change it
reports, delivered by the task worker after commit, and at most once per event and recipient.
So a rolled-back approval sends nothing, and a slow mail server never holds a publisher's request.
"""

from wagtail.admin.mail import (
    GroupApprovalTaskStateSubmissionEmailNotifier,
    WorkflowStateApprovalEmailNotifier,
    WorkflowStateRejectionEmailNotifier,
    WorkflowStateSubmissionEmailNotifier,
)
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

from outbox.mail import queue_email


class OutboxEmailMixin:
    """Queue each recipient's message instead of sending it (EmailNotificationMixin.send_emails)."""

    def send_emails(self, template_set, context, recipients, **kwargs):
        event = kwargs.get("event_key", "")
        template = template_set["text"].removesuffix(".txt")
        for recipient in recipients:
            queue_email(
                to=recipient.email,
                template=template,
                context={**context, "user": recipient},
                dedupe_key=f"wagtail:{self.notification}:{event}:{recipient.pk}"[:200] if event else None,
                headers={"Auto-Submitted": "auto-generated"},
            )
        return True

    def __call__(self, instance=None, **kwargs):
        # One notice per workflow (or task) state and event: a replayed signal queues nothing new.
        if instance is not None and instance.pk:
            step = getattr(instance, "current_task_state_id", "")
            kwargs.setdefault("event_key", f"{type(instance).__name__}:{instance.pk}:{instance.status}:{step}")
        return super().__call__(instance=instance, **kwargs)


class TaskSubmittedNotifier(OutboxEmailMixin, GroupApprovalTaskStateSubmissionEmailNotifier):
    pass


class WorkflowSubmittedNotifier(OutboxEmailMixin, WorkflowStateSubmissionEmailNotifier):
    pass


class WorkflowApprovedNotifier(OutboxEmailMixin, WorkflowStateApprovalEmailNotifier):
    pass


class WorkflowRejectedNotifier(OutboxEmailMixin, WorkflowStateRejectionEmailNotifier):
    pass


# Wagtail's dispatch_uids (wagtail/admin/signal_handlers.py): whichever app's ready() runs first,
# only the outbox notifier stays connected (a receiver with a known dispatch_uid is not added twice).
NOTIFIERS = [
    (task_submitted, TaskState, "group_approval_task_submitted_email_notification", TaskSubmittedNotifier()),
    (workflow_submitted, WorkflowState, "workflow_state_submitted_email_notification", WorkflowSubmittedNotifier()),
    (workflow_rejected, WorkflowState, "workflow_state_rejected_email_notification", WorkflowRejectedNotifier()),
    (workflow_approved, WorkflowState, "workflow_state_approved_email_notification", WorkflowApprovedNotifier()),
]


def connect():
    for signal, sender, dispatch_uid, notifier in NOTIFIERS:
        signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
        signal.connect(notifier, sender=sender, dispatch_uid=dispatch_uid, weak=False)
