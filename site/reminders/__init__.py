"""Reminders of the sessions a member registered for: the day before and an hour before.

The site knows no content app: each app that holds sessions members register
for (webinars; events later) registers a *source* with the
``leerkring_reminder_sources`` hook (reminders/sources.py). ``manage.py
send_reminders`` (a timer, every ten minutes; reminders/sending.py) asks
every source for its sessions starting within a day and reminds each of
their attendees once per occasion, as a notification of the kind
``reminders.sessions`` (notices.sending.notify: the bell, and an email with
its unsubscribe link when the member wants it).

Once means once: a ``Reminder`` row per member, session and occasion, under a
unique constraint, is claimed in the same transaction that makes the
notification. Two runs at once, or a run again, find it taken; a run stopped
mid-batch left either both (the email waits in notices' queue) or neither
(the next run sends it).
"""
