"""Digests: a member's summary by email of what is new for them (issue #21).

A member chooses daily, weekly (the default) or never (notices.preferences).
``manage.py send_digests`` (a timer, hourly) sends every digest that is due;
it is safe to run at any time and on several servers at once:

* ``digests.schedule``: the periods (a day, an ISO week, in Europe/Brussels),
  when a digest is due and the window it covers;
* ``digests.sending``: a run in batches of members. What is new comes from
  whatsnew.news (the one place for who sees what); a member's digest for a
  period is claimed by inserting its ``Digest`` row (unique per member and
  period), which is also the email's durable queue entry; then it is sent
  once, by a conditional UPDATE, with the retries of notification emails.

A separate app of the site shell rather than part of notices: it needs both
notices (the email, the preference) and whatsnew (the content), and notices
must not know whatsnew.
"""
