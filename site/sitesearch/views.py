from django.core.paginator import Paginator
from django.db.models import Value
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from topics.models import Topic

from .forms import SearchForm
from .indexes import all_indexes
from .search import MAX_PAGES, PAGE_SIZE, Outcome, search


def search_url(language, **params):
    with translation.override(language):
        url = reverse("search")
    params = {key: value for key, value in params.items() if value}
    return f"{url}?{urlencode(params)}" if params else url


def popular_topics(language, limit=8):
    """Suggestions when nothing is found: the topics with the most content, as
    each search index counts its own (its ``topic_weight``)."""
    weights = [index.topic_weight for index in all_indexes().values()
               if index.topic_weight is not None]
    return list(
        Topic.objects.filter(locale__language_code=language)
        .annotate(weight=sum(weights, Value(0)))
        .order_by("-weight", "name")[:limit]
    )


@require_GET
def search_view(request):
    """The site search: one box for every section, in both languages (login required)."""
    language = translation.get_language()[:2]
    form = SearchForm(request.GET or None, language=language)
    outcome, query = Outcome([], 0), ""
    page_number = _page_number(request.GET.get("page"))
    if form.is_bound and form.is_valid():
        query = " ".join(form.cleaned_data["q"].split())
        topic = form.chosen_topic()
        outcome = search(
            request.user, query, reader_language=language,
            kind=form.cleaned_data["type"],
            topic_key=topic.translation_key.hex if topic else "",
            language=form.cleaned_data["language"], page=page_number,
        )
    elif form.is_bound:
        query = request.GET.get("q", "")
    paginator = Paginator(range(min(outcome.count, MAX_PAGES * PAGE_SIZE)), PAGE_SIZE)
    page_obj = paginator.get_page(page_number)
    params = request.GET.copy()
    params.pop("page", None)
    suggestion_url = ""
    if outcome.suggestion:
        params_with = params.copy()
        params_with["q"] = outcome.suggestion
        suggestion_url = "?" + params_with.urlencode()
    return TemplateResponse(request, "sitesearch/search.html", {
        "form": form,
        # The filters read the same for everyone who chose the same (valid)
        # values: rendered once (the kept fragment "search-filters").
        "filters_key": _filters_key(form),
        "search_query": query,
        "outcome": outcome,
        "results": outcome.results,
        "page_obj": page_obj,
        "filter_query": params.urlencode(),
        "filtered": form.is_bound and form.is_valid() and form.has_filters(),
        "suggestion_url": suggestion_url,
        "popular_topics": [
            (topic, search_url(language, topic=topic.slug))
            for topic in (popular_topics(language) if form.is_bound and not outcome.count else [])
        ],
    })


def _page_number(value):
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1


def _filters_key(form):
    if not form.is_bound:
        return ""
    if not form.is_valid():
        return None  # echoes what was typed, with errors: render afresh
    return "|".join(str(form.cleaned_data[name]) for name in ("type", "topic", "language"))
