"""The people layer: members' profiles, the member directory and product-group teams.

Who sees a person is decided in consent.py and nowhere else (as the catalogue
does for projects); who sees a team's inside in teams.py. Other apps ask
these two, and add what they know about a member or a team to its page
through hooks (contributions.py), so this app imports no other content app.
"""
