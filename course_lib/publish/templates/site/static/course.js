/* The course website's own script (python -m course_lib site), loaded by every page after
 * Sphinx's translations: search in Chinese, with snippets from the lesson prose (shipped by the
 * build, so search works from file:// too) and the lessons whose title names the query first;
 * figures that open at full size when tapped. */
"use strict";

(() => {
  // --- search ---------------------------------------------------------------------------------

  // Sphinx 8 says "found one page" / "found N pages"; its zh_CN catalog still translates the
  // older "found N page(s)", so the summary line stays English unless pointed at that one
  const SUMMARY_KEY = "Search finished, found one page matching the search query.";
  const OLD_SUMMARY_KEY = "Search finished, found ${resultCount} page(s) matching the search query.";
  const SUMMARY_ZH = "搜索完成,找到 ${resultCount} 页。";

  const translateSummary = () => {
    if (typeof Documentation === "undefined") return;
    const known = Documentation.TRANSLATIONS[OLD_SUMMARY_KEY];
    const summary = typeof known === "string" ? known : SUMMARY_ZH;
    Documentation.TRANSLATIONS[SUMMARY_KEY] ??= [summary, summary];
  };

  // snippets: cut from each page's prose, which the build ships in search-text.js
  // (window.COURSE_SEARCH_TEXT), not fetched page by page as Sphinx does -- a page opened from
  // file:// may not fetch another one -- and not scraped from the theme's HTML
  const SNIPPET_BEFORE = 120;
  const SNIPPET_LENGTH = 240;

  /** The snippet for a result linking to ``href`` ("3.momentum.html#id2"): the prose around
   * the first query word found from the anchored section on, or the section's beginning. */
  const snippet = (href, words) => {
    const [path, anchor = ""] = href.split("#");
    let name = path.replace(/\.html$/, "");
    try {
      name = decodeURIComponent(name);
    } catch (error) {
      // a name that was never percent-encoded
    }
    const page = window.COURSE_SEARCH_TEXT?.[name];
    if (!page) return "";
    const start = page.anchors[anchor] ?? 0;
    const lower = page.text.toLowerCase();
    const found = words.map((word) => lower.indexOf(word, start)).filter((at) => at >= 0);
    const from = found.length ? Math.max(Math.min(...found) - SNIPPET_BEFORE, start) : start;
    const to = from + SNIPPET_LENGTH;
    const text = page.text.slice(from, to).trim();
    return (from > 0 ? "…" : "") + text + (to < page.text.length ? "…" : "");
  };

  /** Give a result (an ``li`` Sphinx just added) its snippet, query words highlighted. */
  const addSnippet = (item) => {
    const link = item.querySelector("a");
    if (!link || item.querySelector("p.context")) return;
    const words = queryWords();
    const text = snippet(link.getAttribute("href"), words);
    if (!text) return;
    const context = item.appendChild(document.createElement("p"));
    context.className = "context";
    context.textContent = text;
    if (typeof _highlightText === "function") {
      words.forEach((word) => _highlightText(context, word, "highlighted"));
    }
  };

  // a page whose title names every word of the query is the lesson that teaches it: it comes
  // before any other result; equal scores go in course order (lesson 3 before lesson 10)
  const TITLE_BONUS = 100;
  const NOT_A_LESSON = 999;

  const queryWords = () =>
    (new URLSearchParams(window.location.search).get("q") || "")
      .toLowerCase()
      .split(/\s+/)
      .filter((word) => word && !word.startsWith("-"));

  const lessonNumber = (docname) => {
    const number = /^(\d+)\./.exec(docname);
    return number ? Number(number[1]) : NOT_A_LESSON;
  };

  const pageTitle = (docname) => {
    const index = Search._index;
    const position = index ? index.docnames.indexOf(docname) : -1;
    return position < 0 ? "" : index.titles[position].toLowerCase();
  };

  /** Sphinx's score, plus TITLE_BONUS if the page title names every query word, minus a
   * fraction that orders equal scores by lesson number. */
  const courseScore = (result) => {
    const [docname, , , , score] = result;
    const words = queryWords();
    const title = pageTitle(docname);
    const named = words.length > 0 && words.every((word) => title.includes(word));
    return score + (named ? TITLE_BONUS : 0) - lessonNumber(docname) / 1000;
  };

  const patchSearch = () => {
    const results = document.getElementById("search-results");
    if (!results || typeof Scorer === "undefined") return;
    Scorer.score = courseScore;
    DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false;
    new MutationObserver((changes) =>
      changes.forEach((change) =>
        change.addedNodes.forEach((node) => node.nodeName === "LI" && addSnippet(node)),
      ),
    ).observe(results, { childList: true, subtree: true });
  };

  // --- figures --------------------------------------------------------------------------------

  const ZOOM_HINT = "点图放大(可以两指缩放、拖动)";

  /** Every stored figure opens in a layer at its own pixel size, where its text is as large as
   * it was drawn; "关闭" or Esc closes the layer. */
  const makeFiguresZoomable = () => {
    const figures = document.querySelectorAll("article.bd-article .cell_output img");
    if (figures.length === 0) return;
    const layer = document.createElement("div");
    layer.className = "course-zoom";
    layer.hidden = true;
    layer.setAttribute("role", "dialog");
    layer.setAttribute("aria-label", "放大的图");
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "关闭";
    const large = document.createElement("img");
    layer.append(close, large);
    document.body.append(layer);
    const hide = () => {
      layer.hidden = true;
      document.body.classList.remove("course-zoom-open");
    };
    close.addEventListener("click", hide);
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !layer.hidden) hide();
    });
    figures.forEach((figure) => {
      figure.classList.add("course-zoomable");
      figure.title = ZOOM_HINT;
      const hint = document.createElement("p");
      hint.className = "course-zoom-hint";
      hint.textContent = ZOOM_HINT;
      figure.after(hint);
      figure.addEventListener("click", () => {
        large.src = figure.currentSrc || figure.src;
        large.alt = figure.alt;
        layer.hidden = false;
        document.body.classList.add("course-zoom-open");
        layer.scrollTo(0, 0);
        close.focus();
      });
    });
  };

  translateSummary();
  // before Sphinx's search starts (it waits for the same event, registered later)
  document.addEventListener("DOMContentLoaded", () => {
    patchSearch();
    makeFiguresZoomable();
  });
})();
