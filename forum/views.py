"""The forum's pages: each a route of the forum page (models/pages.py) that hands
the request and the page to its view here.

Each view answers in the reader's language; what a view may show comes from
visibility.py, what it may do from posting.py and moderation.py.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

import analytics
from analytics.kinds import Kind
from members import consent as member_consent
from members import mentions, teams
from members.models.teams import Team
from topics.models import Topic, versions_in_locale
from usertext.render import render_markdown

from . import moderation, posting, thread
from .forms import (
    AnswerForm,
    EditForm,
    FlagForm,
    ForumFilterForm,
    MoveForm,
    NotificationSettingsForm,
    QuestionForm,
    RejectForm,
)
from .models.follows import Follow, NotificationSettings
from .models.moderation import ModerationAction
from .models.posts import Answer, Question, Status
from .visibility import is_moderator, sees_post, visible_answers, visible_questions

PAGE_SIZE = 20


def _posted(request):
    """The POST data of a POST, even an empty one (``request.POST or None`` would show an
    empty POST the blank form, without saying what is missing)."""
    return request.POST if request.method == "POST" else None


def label_authors(posts, user, names=None):
    """Set ``shown_author`` on each post: the name, or "a participant" when asked
    anonymously; and ``author_url``: their profile's address when they let
    members see it (members.consent), else None. A post asked anonymously never
    links, not even for moderators, who see the name.

    ``names`` maps author pks to names when the posts come without their
    authors (the question page's cached thread); otherwise each post's author
    is read (select it with the posts). The links are read per request (the
    "members" scope, not the thread's), so a withdrawn consent counts at once.
    """
    moderator = is_moderator(user)
    if names is None:
        names = {post.author_id: post.author.full_name for post in posts
                 if post.author_id is not None}
    urls = member_consent.profile_urls(
        [post.author_id for post in posts if not getattr(post, "anonymous", False)],
        get_language())
    for post in posts:
        name = names.get(post.author_id)
        anonymous = getattr(post, "anonymous", False)
        post.author_url = None
        if name is None:
            post.shown_author = _("A former member")
        elif anonymous and not moderator and post.author_id != user.pk:
            post.shown_author = _("A participant")
        else:
            post.shown_author = name
            if not anonymous:
                post.author_url = urls.get(post.author_id)
        post.shown_anonymously = anonymous


def localize_topics(questions, locale, request=None):
    """Give each question ``shown_topic``: its topic in ``locale`` (one query,
    none with the request: see versions_in_locale)."""
    names = versions_in_locale([q.topic for q in questions], locale, request)
    for question in questions:
        question.shown_topic = names.get(question.topic.translation_key, question.topic)


def _render(request, page, template, context):
    context = {"page": page, "self": page, "forum": page,
               "is_moderator": is_moderator(request.user), **context}
    return TemplateResponse(request, template, context)


def _question(request, pk):
    questions = visible_questions(request.user).select_related(
        "author", "topic", "accepted_answer")
    return get_object_or_404(questions, pk=pk)


# --- Index -----------------------------------------------------------------


def index(request, page):
    form = ForumFilterForm(request.GET or None, locale=page.locale)
    questions = visible_questions(request.user).select_related("author", "topic")
    chosen_topic = None
    if form.is_valid():
        data = form.cleaned_data
        if data["topic"]:
            chosen_topic = form.topics[data["topic"]]
            questions = questions.filter(topic__translation_key=chosen_topic.translation_key)
        if data["language"]:
            questions = questions.filter(language=data["language"])
        if data["q"]:
            for word in data["q"].split()[:8]:
                questions = questions.filter(Q(title__icontains=word)
                                             | Q(body_markdown__icontains=word))
        show = data["show"]
        if show == "unanswered":
            questions = questions.filter(answer_count=0)
        elif show == "answered":
            questions = questions.filter(answer_count__gt=0)
        elif show == "mine":
            questions = questions.filter(author=request.user)
        elif show == "followed":
            follows = Follow.objects.filter(user=request.user)
            questions = questions.filter(
                Q(follows__user=request.user)
                | Q(topic__translation_key__in=follows.values("topic_key"))
            ).distinct()
    page_obj = Paginator(questions.order_by("-pinned", "-last_activity_at", "-pk"),
                         PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page_obj.object_list)
    label_authors(rows, request.user)
    localize_topics(rows, page.locale, request)
    query = request.GET.copy()
    query.pop("page", None)
    following_topic = chosen_topic is not None and Follow.objects.filter(
        user=request.user, topic_key=chosen_topic.translation_key).exists()
    context = {
        "form": form, "page_obj": page_obj, "questions": rows,
        "filter_query": query.urlencode(), "chosen_topic": chosen_topic,
        "following_topic": following_topic,
    }
    if is_moderator(request.user):
        context["queue_count"] = moderation.count()
    return _render(request, page, "forum/forum_index_page.html", context)


# --- Asking and answering ---------------------------------------------------


def _asked_team(request):
    """The team a question is asked in (``team`` in the query or the form), for a
    member who sees its inside; None for the open forum; 404 for anyone else."""
    pk = request.POST.get("team") if request.method == "POST" else request.GET.get("team")
    if not pk:
        return None
    team = Team.objects.filter(pk=pk).first() if str(pk).isdigit() else None
    if team is None or not teams.may_see_inside(request.user, team):
        raise Http404
    return team.source


def ask(request, page):
    team = _asked_team(request)
    topic = request.GET.get("topic")
    if team is not None and not topic:
        # The team's own topic first: its source topic's slug in this language.
        first = team.topics.first()
        shown = versions_in_locale([first], page.locale) if first else {}
        topic = shown[first.translation_key].pk if first and first.translation_key in shown \
            else None
    form = QuestionForm(_posted(request), locale=page.locale, initial={"topic": topic})
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "preview" in request.POST:
            preview = render_markdown(data["body"])
        else:
            try:
                question = posting.ask(request.user, data["topic"], data["title"],
                                       data["body"], data["language"], data["anonymous"],
                                       team=team)
            except posting.Refused as refusal:
                messages.error(request, str(refusal))
            else:
                analytics.record(request, question, Kind.QUESTION)
                _tell_status(request, question)
                return redirect(page.url_for("question", pk=question.pk))
    return _render(request, page, "forum/ask.html", {
        "form": form, "preview": preview, "team": team,
        "mentions_url": mentions.suggestions_url(page.locale.language_code,
                                                 team.pk if team is not None else None)})


def question(request, page, pk):
    # Reading takes the posts from the shared cache. Writing reads the
    # question anew, so that a lock counts at once, and the answers only
    # when the page is shown again (a preview, a refusal).
    posts = None if request.method == "POST" else thread.read(request, pk)
    question = thread.load_question(pk) if posts is None else posts.question
    moderator = is_moderator(request.user)
    if not sees_post(request.user, question, moderator):
        raise Http404
    form = AnswerForm(_posted(request))
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = render_markdown(form.cleaned_data["body"])
        else:
            try:
                reply = posting.answer(request.user, question, form.cleaned_data["body"],
                                       form.cleaned_data["language"])
            except posting.Refused as refusal:
                messages.error(request, str(refusal))
            else:
                analytics.record(request, question, Kind.ANSWER)
                _tell_status(request, reply)
                return redirect(page.url_for("question", pk=pk) + f"#answer-{reply.pk}")
    posts = posts or thread.load(pk, question)
    # The accepted answer first, then experts' answers, then by date.
    answers = sorted(
        (reply for reply in posts.answers if sees_post(request.user, reply, moderator)),
        key=lambda a: 0 if a.pk == question.accepted_answer_id else 1 if a.is_expert else 2)
    label_authors([question, *answers], request.user, posts.names)
    language = page.locale.language_code
    mentions.show([question, *answers], language, team_of=lambda post: question.team_id)
    localize_topics([question], page.locale, request)
    following, reported = thread.marks(request.user, posts)
    for post in [question, *answers]:
        post.may_edit = posting.may_edit(request.user, post)
        post.flagged_by_me = (post.kind, post.pk) in reported
    for reply in answers:
        reply.may_accept = (posting.may_accept(request.user, reply)
                            and question.accepted_answer_id != reply.pk)
    if request.method == "GET":
        analytics.record_view(request, question)
    return _render(request, page, "forum/question.html", {
        # An empty answer form reads the same for everyone (no token inside).
        "answer_fields_key": None if form.is_bound else "empty",
        "question": question, "answers": answers, "form": form, "preview": preview,
        "following": following, "flag_reasons": FlagForm.base_fields["reason"].choices,
        "accepted_id": question.accepted_answer_id,
        "mentions_url": mentions.suggestions_url(language, question.team_id),
    })


def preview(request, page):
    """Markdown rendered as it will appear, for the preview next to the text box."""
    if request.method != "POST":
        raise Http404
    source = request.POST.get("body", "")[:20_000]
    return JsonResponse({"html": render_markdown(source)})


# --- Editing -----------------------------------------------------------------


def edit_question(request, page, pk):
    return _edit(request, page, _question(request, pk), with_title=True)


def edit_answer(request, page, pk):
    answer = get_object_or_404(visible_answers(request.user).select_related("question"),
                               pk=pk)
    return _edit(request, page, answer, with_title=False)


def _edit(request, page, post, with_title):
    question = post.question
    back = page.url_for("question", pk=question.pk)
    if not posting.may_edit(request.user, post):
        messages.error(request, _("Posts can be changed during 30 minutes after posting. "
                                  "Ask a moderator if something needs to change."))
        return redirect(back)
    initial = {"body": post.body_markdown, "title": getattr(post, "title", "")}
    form = EditForm(_posted(request), initial=initial, with_title=with_title)
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = render_markdown(form.cleaned_data["body"])
        else:
            try:
                posting.edit(request.user, post, form.cleaned_data["body"],
                             form.cleaned_data.get("title"))
            except posting.Refused as refusal:
                messages.error(request, str(refusal))
            else:
                messages.success(request, _("Your changes are saved."))
                return redirect(back)
    return _render(request, page, "forum/edit.html", {
        "form": form, "post": post, "question": question, "preview": preview, "back": back,
        "mentions_url": mentions.suggestions_url(page.locale.language_code, question.team_id),
    })


# --- One-click actions on a post ------------------------------------------------


def post_action(request, page, kind, pk, action):
    """Accept an answer, follow or unfollow a question, flag a post (POST only)."""
    if request.method != "POST" or kind not in ("question", "answer"):
        raise Http404
    posts = visible_questions(request.user) if kind == "question" else \
        visible_answers(request.user).select_related("question")
    post = get_object_or_404(posts, pk=pk)
    question = post.question
    back = page.url_for("question", pk=question.pk)
    if action == "accept" and kind == "answer":
        try:
            posting.accept(request.user, post)
            messages.success(request, _("The answer is marked as accepted."))
        except posting.Refused as refusal:
            messages.error(request, str(refusal))
        back += f"#answer-{post.pk}"
    elif action in ("follow", "unfollow") and kind == "question":
        posting.follow_question(request.user, post, on=action == "follow")
    elif action == "flag":
        form = FlagForm(request.POST)
        if form.is_valid():
            posting.flag(request.user, post, form.cleaned_data["reason"],
                         form.cleaned_data["note"])
            messages.success(request, _("Thank you. The moderators will look at it."))
        else:
            messages.error(request, _("Choose what is wrong with the post."))
    else:
        raise Http404
    return redirect(back)


def follow_topic(request, page, slug):
    if request.method != "POST":
        raise Http404
    topic = get_object_or_404(Topic, locale=page.locale, slug=slug)
    posting.follow_topic(request.user, topic, on=request.POST.get("on") == "1")
    return redirect(page.url + f"?topic={slug}")


# --- Preferences -------------------------------------------------------------------


def preferences(request, page):
    settings_row, _created = NotificationSettings.objects.get_or_create(user=request.user)
    form = NotificationSettingsForm(_posted(request), instance=settings_row)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your email settings are saved."))
        return redirect(page.url_for("preferences"))
    follows = Follow.objects.filter(user=request.user)
    topics = Topic.objects.filter(locale=page.locale, translation_key__in=follows.exclude(
        topic_key=None).values("topic_key")).order_by("name")
    # Those the member still sees: a team's question goes once they leave the team.
    questions = (visible_questions(request.user).filter(follows__user=request.user)
                 .order_by("-last_activity_at")[:50])
    return _render(request, page, "forum/preferences.html", {
        "form": form, "followed_topics": topics, "followed_questions": questions,
    })


# --- Moderation ------------------------------------------------------------------------


def moderation_queue(request, page):
    if not is_moderator(request.user):
        raise PermissionDenied
    items = moderation.queue()
    label_authors(items, request.user)
    mentions.show(items, page.locale.language_code, team_of=lambda item: item.question.team_id)
    localize_topics([item.question for item in items], page.locale)
    recent = ModerationAction.objects.select_related(
        "moderator", "question", "answer")[:15]
    return _render(request, page, "forum/moderation.html", {
        "items": items, "reject_form": RejectForm(), "move_form": MoveForm(locale=page.locale),
        "recent": recent,
    })


def moderate(request, page, kind, pk, action):
    if not is_moderator(request.user):
        raise PermissionDenied
    if request.method != "POST" or kind not in ("question", "answer"):
        raise Http404
    model = Question if kind == "question" else Answer
    post = get_object_or_404(model, pk=pk)
    moderator = request.user
    if action == "approve":
        moderation.approve(moderator, post)
        messages.success(request, _("Approved: the post is visible to everyone."))
    elif action == "reject":
        form = RejectForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give a reason: it is sent to the author."))
            return redirect(page.url_for("moderation") + f"#{kind}-{pk}")
        moderation.reject(moderator, post, form.cleaned_data["reason"])
        messages.success(request, _("Rejected; the author is told why."))
    elif action == "hide":
        moderation.hide(moderator, post)
        messages.success(request, _("Hidden from participants."))
    elif action == "dismiss":
        moderation.dismiss_flags(moderator, post)
        messages.success(request, _("Reports dismissed."))
    elif kind == "question" and action in ("lock", "unlock"):
        moderation.set_locked(moderator, post, action == "lock")
    elif kind == "question" and action in ("pin", "unpin"):
        moderation.set_pinned(moderator, post, action == "pin")
    elif kind == "question" and action == "move":
        form = MoveForm(request.POST, locale=page.locale)
        if form.is_valid():
            moderation.move(moderator, post, form.cleaned_data["topic"])
            messages.success(request, _("The question is moved."))
    else:
        raise Http404
    next_url = request.POST.get("next", "")
    if next_url.startswith("/") and not next_url.startswith("//"):
        return redirect(next_url)
    return redirect(page.url_for("moderation"))


def _tell_status(request, post):
    if post.status == Status.PENDING:
        messages.info(request, _("Thank you! A moderator looks at your post before it "
                                 "appears; until then only you can see it."))
    else:
        messages.success(request, _("Thank you! Your post is published."))
