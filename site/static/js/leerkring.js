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

    enableVideoPlaceholders(document);
    enableChapters(document);
    enableSelfChecks(document);
}());
