"""The homeowner and contractor portal: what each sees and may do.

The portal's pages (`www/owner`, `www/contractor`) and its API (`api/portal.py`) call these
modules; each function starts from the user's scope (permissions.get_scope, the isolation rules):
a homeowner reaches only their own homeowner records, units and what hangs off them, a contractor
only what is dispatched to them.

- access.py      who is asking; the portal users' fence around the desk's API; the print of a
                 signed handover
- photos.py      the photos a portal user uploads, and the ones they are shown
- homeowner.py   my home, reporting a problem, my requests and ratings, my handover
- contractor.py  my work, marking it rectified
- pages.py       what every portal page has (its user, header, language)

Portal users have no DocPerms on the app's DocTypes: what they read is what these functions
select, what they write (a reception, a rating, an appointment, a rectification) the system
writes after these checks — the workflow still decides by their role — and what they type is
stored as plain text.
"""
