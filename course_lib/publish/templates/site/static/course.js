/* The course website's own script (python -m course_lib site), loaded by every page after
 * Sphinx's translations: search in Chinese, with snippets from the lesson text and the lessons
 * whose title names the query first; figures that open at full size when tapped. */
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

  // TeX commands as the characters they print, for snippets (math is not typeset there)
  const SYMBOLS = {
    alpha: "α", beta: "β", gamma: "γ", delta: "δ", epsilon: "ε", varepsilon: "ε", eta: "η",
    theta: "θ", kappa: "κ", lambda: "λ", mu: "μ", nu: "ν", pi: "π", rho: "ρ", sigma: "σ",
    tau: "τ", phi: "φ", psi: "ψ", omega: "ω", Delta: "Δ", Sigma: "Σ", Lambda: "Λ",
    nabla: "∇", partial: "∂", sum: "Σ", prod: "Π", infty: "∞", sqrt: "√", top: "ᵀ",
    leftarrow: "←", rightarrow: "→", to: "→", gets: "←", cdot: "·", times: "×", odot: "⊙",
    le: "≤", leq: "≤", ge: "≥", geq: "≥", approx: "≈", ne: "≠", neq: "≠", pm: "±", in: "∈",
    ell: "ℓ", ldots: "…", dots: "…", cdots: "⋯", quad: " ", qquad: " ", left: "", right: "",
    "|": "‖",
  };
  const WRAPPERS =
    /\\(?:text|textrm|mathrm|mathbf|mathcal|operatorname|boldsymbol|hat|bar|tilde)\s*\{([^{}]*)\}/g;

  /** Readable plain text of a TeX formula: "\(\sqrt{10}\)" -> "√10". */
  const texToText = (tex) =>
    tex
      .trim()
      .replace(/^(?:\\\(|\\\[|\$\$?)|(?:\\\)|\\\]|\$\$?)$/g, "")
      .replace(/\\frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}/g, "($1)/($2)")
      .replace(WRAPPERS, "$1")
      .replace(/\\([A-Za-z]+|\|)/g, (_, name) => SYMBOLS[name] ?? name)
      .replace(/\\[,;:!]|~/g, " ")
      .replace(/\\(.)/g, "$1")
      .replace(/[{}]/g, "")
      .replace(/\s+/g, " ")
      .trim();

  /** The text a search snippet is cut from: the lesson's prose (no code, no outputs, no theme
   * controls or table of contents), its formulas as plain text, its spaces collapsed. */
  const lessonText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    const dropped = ".headerlink, script, style, .cell_input, .cell_output, .course-zoom-hint";
    page.querySelectorAll(dropped).forEach((el) => el.remove());
    page.querySelectorAll(".math").forEach((el) => (el.textContent = ` ${texToText(el.textContent)} `));
    const article = page.querySelector("article.bd-article") || page.querySelector('[role="main"]');
    const part = (anchor && article?.querySelector(anchor)) || article;
    return part ? part.textContent.replace(/\s+/g, " ").trim() : "";
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
    if (typeof Search === "undefined" || typeof Scorer === "undefined") return;
    Search.htmlToText = lessonText;
    Scorer.score = courseScore;
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
