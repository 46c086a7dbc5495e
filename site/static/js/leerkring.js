/* Leerkring: small enhancements. Every page works without this file. */
(function () {
    "use strict";

    /* Videos hosted by YouTube or Vimeo: load the player only when asked. */
    function enableVideoPlaceholders(root) {
        root.querySelectorAll("[data-video-embed]").forEach(function (placeholder) {
            var button = placeholder.querySelector(".video__play");
            if (!button) { return; }
            button.hidden = false;
            button.addEventListener("click", function () {
                var frame = document.createElement("iframe");
                frame.src = placeholder.getAttribute("data-video-embed");
                frame.title = placeholder.getAttribute("data-video-title") || "";
                frame.allow = "autoplay; fullscreen; picture-in-picture";
                frame.setAttribute("allowfullscreen", "");
                frame.className = "video__frame";
                placeholder.replaceWith(frame);
                frame.focus();
            });
        });
    }

    /* Self-check questions: feedback in place instead of a page reload. */
    function enableSelfChecks(root) {
        root.querySelectorAll("[data-self-check] form").forEach(function (form) {
            form.addEventListener("submit", function (event) {
                event.preventDefault();
                var section = form.closest("[data-self-check]");
                /* getAttribute: the form has a field named "action", which hides form.action. */
                fetch(form.getAttribute("action"), {
                    method: "POST",
                    body: new FormData(form),
                    headers: {"X-Requested-With": "fetch"},
                    credentials: "same-origin"
                }).then(function (response) {
                    if (!response.ok) { throw new Error(response.status); }
                    return response.json();
                }).then(function (data) {
                    var holder = document.createElement("div");
                    holder.innerHTML = data.question_html;
                    var fresh = holder.firstElementChild;
                    section.replaceWith(fresh);
                    enableSelfChecks(fresh.parentNode);
                    var status = document.querySelector("[data-lesson-status]");
                    if (status && data.status_html) {
                        holder.innerHTML = data.status_html;
                        status.replaceWith(holder.firstElementChild);
                    }
                    var result = fresh.querySelector(".self-check__result");
                    if (result) { result.setAttribute("tabindex", "-1"); result.focus(); }
                }).catch(function () {
                    form.submit();  /* fall back on the ordinary form post */
                });
            });
        });
    }

    /* Chapters: jump in the video instead of leaving the page. */
    function enableChapters(root) {
        root.querySelectorAll("[data-seek]").forEach(function (link) {
            link.addEventListener("click", function (event) {
                var figure = link.closest("[data-video]");
                if (!figure) { return; }
                var seconds = parseInt(link.getAttribute("data-seek"), 10) || 0;
                var video = figure.querySelector("video");
                if (video) {
                    event.preventDefault();
                    video.currentTime = seconds;
                    var playing = video.play();
                    if (playing && playing.catch) { playing.catch(function () {}); }
                    video.focus();
                    return;
                }
                var embed = link.getAttribute("data-seek-embed");
                if (!embed) { return; }
                event.preventDefault();
                var frame = figure.querySelector("iframe");
                if (!frame) {
                    var placeholder = figure.querySelector("[data-video-embed]");
                    frame = document.createElement("iframe");
                    frame.title = placeholder ? placeholder.getAttribute("data-video-title") || "" : "";
                    frame.allow = "autoplay; fullscreen; picture-in-picture";
                    frame.setAttribute("allowfullscreen", "");
                    frame.className = "video__frame";
                    if (placeholder) { placeholder.replaceWith(frame); } else { figure.prepend(frame); }
                }
                frame.src = embed;
            });
        });
    }

    /* Markdown text boxes: the preview follows what is typed. */
    function enableMarkdownPreviews(root) {
        root.querySelectorAll("[data-markdown-field]").forEach(function (wrapper) {
            var textarea = wrapper.querySelector("textarea");
            var target = wrapper.querySelector("[data-preview-target]");
            var button = wrapper.querySelector("[data-preview-button]");
            var form = wrapper.closest("form");
            var token = form && form.querySelector("[name=csrfmiddlewaretoken]");
            if (!textarea || !target || !token) { return; }
            var timer = null;
            function refresh() {
                var body = new FormData();
                body.append("body", textarea.value);
                body.append("csrfmiddlewaretoken", token.value);
                fetch(wrapper.getAttribute("data-preview-url"), {
                    method: "POST", body: body, credentials: "same-origin",
                    headers: {"X-Requested-With": "fetch"}
                }).then(function (response) {
                    return response.ok ? response.json() : null;
                }).then(function (data) {
                    if (!data) { return; }
                    /* The server's sanitiser made this HTML; nothing is built here. */
                    target.innerHTML = data.html;
                    target.classList.toggle("markdown-preview--empty", !data.html);
                });
            }
            if (button) { button.hidden = true; }
            textarea.addEventListener("input", function () {
                window.clearTimeout(timer);
                timer = window.setTimeout(refresh, 400);
            });
        });
    }

    /* The moderation queue: one key per action, j and k to move. */
    function enableModerationKeys(root) {
        var queue = root.querySelector("[data-moderation-queue]");
        if (!queue) { return; }
        var items = Array.prototype.slice.call(queue.querySelectorAll("[data-moderation-item]"));
        var current = 0;
        function select(index) {
            if (!items.length) { return; }
            current = Math.max(0, Math.min(items.length - 1, index));
            items.forEach(function (item, i) {
                item.classList.toggle("moderation-item--current", i === current);
            });
            items[current].focus();
        }
        document.addEventListener("keydown", function (event) {
            var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName);
            if (typing || event.ctrlKey || event.metaKey || event.altKey || !items.length) { return; }
            var item = items[current];
            if (event.key === "j") { select(current + 1); }
            else if (event.key === "k") { select(current - 1); }
            else if (event.key === "r") {
                var reason = item.querySelector("[data-shortcut-focus='r']");
                if (reason) { event.preventDefault(); reason.focus(); }
            } else {
                var button = item.querySelector("[data-shortcut='" + event.key + "']");
                if (button) { event.preventDefault(); button.click(); }
            }
        });
        select(0);
    }

    /* A recording started: tell the server once per page (usage statistics per topic). */
    function enablePlayBeacons(root) {
        root.querySelectorAll("[data-play-beacon]").forEach(function (section) {
            var form = section.querySelector("[data-play-beacon-form]");
            if (!form) { return; }
            var sent = false;
            function send() {
                if (sent) { return; }
                sent = true;
                fetch(form.getAttribute("action"), {
                    method: "POST", body: new FormData(form), credentials: "same-origin",
                    headers: {"X-Requested-With": "fetch"}, keepalive: true
                }).catch(function () {});
            }
            section.querySelectorAll("video").forEach(function (video) {
                video.addEventListener("play", send);
            });
            /* Hosted videos: pressing play or a chapter loads the player. */
            section.addEventListener("click", function (event) {
                if (event.target.closest(".video__play, [data-seek-embed]")) { send(); }
            });
        });
    }

    enablePlayBeacons(document);
    enableVideoPlaceholders(document);
    enableMarkdownPreviews(document);
    enableModerationKeys(document);
    enableChapters(document);
    enableSelfChecks(document);
}());
