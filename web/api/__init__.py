"""The JSON API: one flask-smorest blueprint per resource (`organisations.py`, `meetings.py`,
`record.py`, ...), each a few `MethodView`s with a schema in and a schema out, and `common.py`
for what every resource shares (the prefix, paging, a command's answer).

The schemas live apart, in `schemas/` by area (structure, meetings, minutes, actions, ...),
not beside each resource: one schema serves several resources (the meeting's schemas serve
the meeting, its record and the roll call) and the console's forms validate with the same
classes, and their class names are the OpenAPI document's component names."""
