/* Leerkring: members to mention, offered while typing "@" and a name in a text box.
 *
 * Typing the whole name works without this file: the server finds mentions in
 * the saved text (members/mentions.py). Forms that offer it carry
 * data-mentions-url (the autocomplete, which lists only members the writer
 * may mention there), data-mentions-label and data-mentions-found (texts in
 * the page's language).
 *
 * The list follows the ARIA listbox pattern: the text box points at it
 * (aria-controls, aria-autocomplete) and at the highlighted member
 * (aria-activedescendant); a textarea may not take the combobox role itself.
 * Keys while the list is open: arrows move, Enter or Tab picks, Escape closes.
 */
(function () {
    "use strict";

    var WAIT_MS = 150;
    var LONGEST_TYPED = 60;
    var WORD = /[\p{L}\p{N}_]/u;
    var lists = 0;

    function attach(textarea, form) {
        var url = form.getAttribute("data-mentions-url");
        lists += 1;
        var listId = "mention-list-" + lists;
        var list = document.createElement("ul");
        list.id = listId;
        list.className = "mention-list";
        list.setAttribute("role", "listbox");
        list.setAttribute("aria-label", form.getAttribute("data-mentions-label") || "");
        list.hidden = true;
        var status = document.createElement("p");
        status.className = "visually-hidden";
        status.setAttribute("role", "status");
        textarea.insertAdjacentElement("afterend", list);
        list.insertAdjacentElement("afterend", status);
        textarea.setAttribute("aria-autocomplete", "list");
        textarea.setAttribute("aria-controls", listId);

        var members = [];
        var active = -1;
        var typedAt = -1;     /* where the "@" of the name being typed stands */
        var closedAt = -1;    /* an "@" whose list was closed with Escape */
        var timer = null;
        var asked = 0;

        /* The "@" and what follows it up to the caret, when that may be a name. */
        function typing() {
            var caret = textarea.selectionStart;
            if (caret !== textarea.selectionEnd) { return null; }
            var from = Math.max(0, caret - LONGEST_TYPED - 1);
            var before = textarea.value.slice(from, caret);
            var at = before.lastIndexOf("@");
            if (at < 0) { return null; }
            var typed = before.slice(at + 1);
            if (!typed || /^\s|[\r\n]/.test(typed)) { return null; }
            var previous = from + at > 0 ? textarea.value.charAt(from + at - 1) : "";
            if (previous && WORD.test(previous)) { return null; }  /* an email address */
            return {at: from + at, typed: typed, caret: caret};
        }

        function close() {
            list.hidden = true;
            list.textContent = "";
            members = [];
            active = -1;
            typedAt = -1;
            textarea.removeAttribute("aria-activedescendant");
        }

        function highlight(index) {
            active = index;
            Array.prototype.forEach.call(list.children, function (option, i) {
                option.setAttribute("aria-selected", i === index ? "true" : "false");
            });
            if (index >= 0) {
                textarea.setAttribute("aria-activedescendant", listId + "-" + index);
                list.children[index].scrollIntoView({block: "nearest"});
            } else {
                textarea.removeAttribute("aria-activedescendant");
            }
        }

        function show(found, at) {
            close();
            if (!found.length) { status.textContent = ""; return; }
            members = found;
            typedAt = at;
            found.forEach(function (member, i) {
                var option = document.createElement("li");
                option.id = listId + "-" + i;
                option.className = "mention-list__option";
                option.setAttribute("role", "option");
                option.setAttribute("aria-selected", "false");
                option.textContent = member.name;
                if (member.organisation) {
                    var organisation = document.createElement("span");
                    organisation.className = "mention-list__organisation";
                    organisation.textContent = member.organisation;
                    option.appendChild(document.createTextNode(" "));
                    option.appendChild(organisation);
                }
                /* mousedown, not click: the text box keeps the focus and the caret. */
                option.addEventListener("mousedown", function (event) {
                    event.preventDefault();
                    pick(i);
                });
                list.appendChild(option);
            });
            list.hidden = false;
            highlight(0);
            status.textContent = (form.getAttribute("data-mentions-found") || "")
                .replace("{count}", String(found.length));
        }

        function pick(index) {
            var member = members[index];
            var now = typing();
            if (!member || !now || now.at !== typedAt) { close(); return; }
            var inserted = "@" + member.name + " ";
            var value = textarea.value;
            textarea.value = value.slice(0, now.at) + inserted + value.slice(now.caret);
            var caret = now.at + inserted.length;
            textarea.setSelectionRange(caret, caret);
            close();
            status.textContent = "";
            closedAt = now.at;  /* the name is complete: do not offer it again */
            /* Others listening (the preview) learn of the change. */
            textarea.dispatchEvent(new Event("input", {bubbles: true}));
        }

        function lookUp() {
            var now = typing();
            if (!now || now.at === closedAt) { close(); return; }
            var number = ++asked;
            var address = url + (url.indexOf("?") < 0 ? "?" : "&") + "q=" +
                encodeURIComponent(now.typed);
            fetch(address, {credentials: "same-origin", headers: {"Accept": "application/json"}})
                .then(function (response) { return response.ok ? response.json() : {members: []}; })
                .then(function (data) {
                    if (number !== asked) { return; }  /* an answer to an older question */
                    var still = typing();
                    if (!still || still.at !== now.at) { close(); return; }
                    show(data.members || [], now.at);
                })
                .catch(function () { close(); });
        }

        textarea.addEventListener("input", function () {
            window.clearTimeout(timer);
            var now = typing();
            if (!now) { close(); closedAt = -1; return; }
            if (now.at !== closedAt) { closedAt = -1; }
            timer = window.setTimeout(lookUp, WAIT_MS);
        });

        textarea.addEventListener("keydown", function (event) {
            if (list.hidden || !members.length) { return; }
            if (event.key === "ArrowDown") {
                event.preventDefault();
                highlight((active + 1) % members.length);
            } else if (event.key === "ArrowUp") {
                event.preventDefault();
                highlight((active - 1 + members.length) % members.length);
            } else if ((event.key === "Enter" || event.key === "Tab") && active >= 0 &&
                       !event.shiftKey && !event.ctrlKey && !event.metaKey && !event.altKey) {
                event.preventDefault();
                pick(active);
            } else if (event.key === "Escape") {
                event.preventDefault();
                closedAt = typedAt;
                close();
                status.textContent = "";
            }
        });

        textarea.addEventListener("blur", close);
        textarea.addEventListener("click", function () {
            var now = typing();
            if (!now || now.at !== typedAt) { close(); }
        });
    }

    document.querySelectorAll("form[data-mentions-url]").forEach(function (form) {
        form.querySelectorAll("textarea").forEach(function (textarea) {
            if (!textarea.readOnly) { attach(textarea, form); }
        });
    });
}());
