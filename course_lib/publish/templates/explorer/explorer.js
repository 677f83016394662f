// The course website's explorers: each control moves to one of the positions the build drew;
// the picture (both halves) and the line above it swap to that position's, on every `input`.
// The pictures and texts were made by the notebook's own explorer (course_lib/publish/explorers.py).
(function () {
  "use strict";

  function setUp(root) {
    var data = JSON.parse(root.querySelector("script.course-explorer-data").textContent);
    var call = root.querySelector(".course-explorer-call");
    var images = root.querySelectorAll(".course-explorer-panel img");
    var links = root.querySelectorAll(".course-explorer-panel");
    var inputs = data.sizes.map(function (_, k) {
      return root.querySelector('[data-control="' + k + '"]');
    });

    function show() {
      var index = 0;
      inputs.forEach(function (input, k) {
        var position = input ? Number(input.value) : 0;
        index = index * data.sizes[k] + position;
        if (input && input.type === "range") {
          var text = data.texts[k][position];
          input.setAttribute("aria-valuetext", text);
          input.parentNode.querySelector("output").textContent = text;
        }
      });
      var source = data.base + data.pictures[index];
      images.forEach(function (image) {
        image.src = source;
        image.alt = data.calls[index];
      });
      links.forEach(function (link) { link.href = source; });
      call.textContent = data.calls[index];
      root.dataset.position = String(index);
    }

    inputs.forEach(function (input) {
      if (input) {
        input.addEventListener("input", show);
        input.addEventListener("change", show);
      }
    });
    show();
  }

  function start() {
    document.querySelectorAll(".course-explorer").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
