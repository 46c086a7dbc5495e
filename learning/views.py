"""A lesson's routes: reading it, marking it done or not, answering its self-checks.

Each is a route of the lesson page (models/pages.py) that hands the request
and the page here; what a member has done is kept by progress.py.
"""

from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.template.loader import render_to_string

import analytics
from analytics.kinds import Kind

from . import progress


def lesson(request, page):
    """The lesson; opening it counts as a visit (not in a preview)."""
    if request.user.is_authenticated and not getattr(request, "is_preview", False):
        page.outline(request)  # the package, from the cache, for what follows
        progress.record_visit(request.user, page)
    response = page.render(request)
    if response.status_code == 200:
        analytics.record_view(request, page)
    return response


def _posted_by_member(request):
    if request.method != "POST" or not request.user.is_authenticated:
        raise Http404


def complete(request, page):
    """Mark the lesson done and go on to the next lesson the member may open."""
    _posted_by_member(request)
    if progress.mark_complete(request.user, page):
        analytics.record(request, page, Kind.LESSON_COMPLETED)
    following = page.following_for(request.user)
    return redirect(following.url if following else page.package.url)


def undo(request, page):
    _posted_by_member(request)
    progress.mark_incomplete(request.user, page)
    return redirect(page.url)


def answer(request, page):
    """Check an answer to a self-check question; with JavaScript, answer with the
    question and the lesson's status rendered anew, to replace them in place."""
    _posted_by_member(request)
    question_id = request.POST.get("question", "")
    outcome = progress.answer_question(
        request.user, page, question_id, request.POST.getlist("option")
    )
    if outcome is None:
        raise Http404
    if outcome.lesson_completed:
        analytics.record(request, page, Kind.LESSON_COMPLETED)
    if request.headers.get("X-Requested-With") != "fetch":
        return redirect(f"{page.url}#question-{question_id}")
    # With JavaScript: the re-rendered question (and lesson status) in place.
    for child in page.body:
        if child.id == question_id:
            question_html = child.render(
                {"id": child.id, "request": request, "page": page,
                 "csrf_token": get_token(request),
                 "self_check_answers": {question_id: outcome.answer},
                 "question_error": outcome.error}
            )
            break
    status_html = render_to_string(
        "learning/includes/lesson_status.html",
        {"page": page, "progress": progress.for_package(
            request.user, page.package, page.package.lessons_for(request.user),
            current=page)},
        request=request,
    )
    return JsonResponse({
        "question_html": question_html,
        "status_html": status_html,
        "lesson_completed": outcome.lesson_completed,
    })
