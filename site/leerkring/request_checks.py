"""Requests no page of the site can mean are refused before any view reads them.

A NUL character (``%00``) has no place in an address or a query string here.
SQLite stores it; PostgreSQL refuses it in any text it is given ("A string
literal cannot contain NUL characters"), so a view that passes a path part or a
query value to the database answered 500 there (Wagtail's workflow task
chooser: ``/admin/workflows/tasks/add/<app_label>/<model_name>/``). Forms
already refuse it in posted fields (Django's ``ProhibitNullCharactersValidator``);
this is the same rule for the URL, in one place: a 400 page in the member's
language (the middleware sits after LocaleMiddleware).
"""

from django.core.exceptions import BadRequest


def _has_nul(request):
    if "\x00" in request.path_info:
        return True
    return any("\x00" in key or any("\x00" in value for value in values)
               for key, values in request.GET.lists())


class RefuseNulCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request):
            raise BadRequest("NUL character in the address")
        return self.get_response(request)
