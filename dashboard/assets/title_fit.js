/* Chart titles that fit their chart at any width (issue #15, point 6).

   Plotly draws a title on one line, wherever the chart is: on a phone a long title runs out
   of its chart ("…by ye") and under the toolbar (top right) and the range selector (1Y/3Y/…,
   above the plot at its right). After each drawing of a chart (plotly_afterplot, which a
   resize also fires) this script:
   - keeps the title as the figure gives it when it fits on one line left of the toolbar and
     of the range selector (a wide screen: nothing changes);
   - else moves it under the toolbar's row, breaks it into lines as wide as the part of the
     chart that can be seen (between words, or between Chinese characters, never before a
     closing mark such as ）or ，), and lowers the plot by what the extra lines and the toolbar's
     row take, keeping the room the figure had under its title (its top axis labels, the
     range selector).
   The chart is redrawn with Plotly.react, which fires no plotly_relayout: the zoom kept in
   the address bar (chart_actions.js) and Dash's relayoutData see nothing. The figure's own
   title and top margin are kept on the chart (gd._eimTitle) and restored when it fits again;
   a new figure from Dash (another title, margin or position) is measured afresh.
   Sizes are CSS pixels of the chart's SVG, from its top left corner. No inline script: the
   Content-Security-Policy allows none. */
(function () {
  "use strict";

  var GAP = 8;            // px between the title and the toolbar or range selector beside it
  var LINE = 1.3;         // plotly's line height, in font sizes
  var TALL = 1.5;         // a line's drawn height (its box, accents and descenders), in sizes
  var NARROW = 600;       // px: a chart this narrow (a phone) grows taller when it must
  var MIN_PLOT = 200;     // px: the least height of a narrow chart's plot area
  var CLOSING = "）)]】」』》〉，,。．.、；;：:！!？?%％·…";
  var OPENING = "（([【「『《〈";
  var canvas = document.createElement("canvas").getContext("2d");

  function wide(ch) { return /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/.test(ch); }

  /* The text cut into pieces that may end a line: a word with its spaces, or one Chinese
     character with the closing marks after it (an opening mark stays with what follows, a
     number with the characters around it). */
  function pieces(text) {
    var found = [];
    var current = "";
    for (var i = 0; i < text.length; i++) {
      var ch = text[i];
      var prev = current.slice(-1);
      // a date such as 2025年1—2月 stays whole: no break between a digit or dash and a
      // Chinese character, either way round
      var number = /[0-9—–-]/.test(prev) && wide(ch) || wide(prev) && /[0-9]/.test(ch);
      var canBreak = current && !number && CLOSING.indexOf(ch) < 0 &&
        OPENING.indexOf(prev) < 0 &&
        (/\s/.test(prev) && !/\s/.test(ch) || wide(ch) || (wide(prev) && !/\s/.test(ch)));
      if (canBreak) { found.push(current); current = ""; }
      current += ch;
    }
    if (current) { found.push(current); }
    return found;
  }

  function widthOf(text, font) {
    canvas.font = font;
    return canvas.measureText(text).width * 1.03;  // a little over: fonts differ slightly
  }

  /* ``text`` (lines already split by <br> kept) as lines of at most ``width`` pixels. */
  function wrap(text, font, width) {
    var lines = [];
    text.split(/<br\s*\/?>/i).forEach(function (part) {
      var line = "";
      pieces(part).forEach(function (piece) {
        var tried = line + piece;
        if (line && widthOf(tried.replace(/\s+$/, ""), font) > width) {
          lines.push(line.replace(/\s+$/, ""));
          line = piece;
        } else {
          line = tried;
        }
      });
      lines.push(line.replace(/\s+$/, ""));
    });
    return lines;
  }

  function titleOf(layout) {
    var title = layout && layout.title;
    return typeof title === "string" ? {text: title} : (title || {});
  }

  /* What a chart's SVG shows: its width clipped by the window and by any ancestor that
     clips (a box that scrolls sideways), from the SVG's left edge. */
  function visibleRight(gd, svg) {
    var box = svg.getBoundingClientRect();
    var right = Math.min(box.right, window.innerWidth);
    for (var el = gd.parentElement; el && el !== document.body; el = el.parentElement) {
      if (window.getComputedStyle(el).overflowX === "visible") { continue; }
      var r = el.getBoundingClientRect();
      right = Math.min(right, r.left + el.clientLeft + el.clientWidth);
    }
    return right - box.left;
  }

  /* A rectangle of ``selector`` inside the chart, from the SVG's top left, or null. */
  function rectOf(gd, selector, origin) {
    var el = gd.querySelector(selector);
    if (!el) { return null; }
    var r = el.getBoundingClientRect();
    if (!r.width || !r.height) { return null; }
    return {left: r.left - origin.left, right: r.right - origin.left,
            top: r.top - origin.top, bottom: r.bottom - origin.top};
  }

  /* The figure's own title and top margin, and where plotly put them: measured once per
     figure, before this script changes anything. */
  function measure(gd, svg) {
    var layout = gd.layout;
    var full = gd._fullLayout;
    var origin = svg.getBoundingClientRect();
    var title = rectOf(gd, ".gtitle", origin);
    var rs = rectOf(gd, ".rangeselector", origin);
    var below = title ? full._size.t - title.bottom : GAP;
    if (rs) { below = Math.max(below, full._size.t - rs.top + 4); }
    return {
      text: titleOf(layout).text,
      y: titleOf(layout).y,
      yanchor: titleOf(layout).yanchor,
      yref: titleOf(layout).yref,
      marginT: layout.margin && layout.margin.t,
      height: layout.height,
      fullHeight: full.height,
      fullMarginT: full.margin.t,
      plotTop: full._size.t,
      top: title ? title.top : GAP,
      shift: {},
      below: Math.max(below, GAP)
    };
  }

  function same(a, b) { return a === b || (a === undefined && b === "auto"); }

  /* The height chart ``gd`` should have now: on a narrow chart, tall enough for a plot area
     of ``MIN_PLOT`` under the title's lines and over the legend's rows (never lower than
     the figure says); else the figure's own. */
  function heightWanted(gd, svg, origin) {
    var full = gd._fullLayout;
    if (visibleRight(gd, svg) >= NARROW) { return origin.height; }
    return Math.max(origin.fullHeight, Math.ceil(full.height + MIN_PLOT - full._size.h));
  }

  /* The title and top margin chart ``gd`` should have now, ``height`` pixels high:
     {text, y, yanchor, yref, marginT, top, lines}. */
  function wanted(gd, svg, origin, height) {
    var full = gd._fullLayout;
    var font = full.title.font;
    var fontText = font.size + "px " + font.family;
    var box = svg.getBoundingClientRect();
    var titleBox = rectOf(gd, ".gtitle", box);
    var left = titleBox ? titleBox.left : full.title.x * full.width;
    var right = visibleRight(gd, svg) - GAP;
    var bar = rectOf(gd, ".modebar", box);
    var rs = rectOf(gd, ".rangeselector", box);
    var beside = right;
    if (bar) { beside = Math.min(beside, bar.left - GAP); }
    if (rs) { beside = Math.min(beside, rs.left - GAP); }
    var plain = origin.text.replace(/<br\s*\/?>/gi, " ");
    if (origin.text.indexOf("<br") < 0 && left + widthOf(plain, fontText) <= beside) {
      return {text: origin.text, y: origin.y, yanchor: origin.yanchor, yref: origin.yref,
              marginT: origin.marginT};
    }
    var lines = wrap(origin.text, fontText, Math.max(right - left, font.size * 4));
    var top = Math.max(bar ? bar.bottom + 2 : origin.top, origin.top);
    var bottom = top + (lines.length - 1) * font.size * LINE + TALL * font.size;
    var plotTop = bottom + origin.below;
    // plotly sets a title's first line a little below ``y`` and centres further lines on
    // it: ``shift`` (px, measured after each drawing) is how far it lands from ``top``
    var shift = origin.shift[lines.length] || 0;
    return {text: lines.join("<br>"), y: 1 - (top - shift) / (height || full.height), yanchor: "top",
            yref: "container", top: top, lines: lines.length,
            marginT: Math.ceil(origin.fullMarginT + Math.max(0, plotTop - origin.plotTop))};
  }

  function fit(gd) {
    var svg = gd.querySelector(".main-svg");
    var layout = gd.layout;
    var title = titleOf(layout);
    if (!svg || !gd._fullLayout || !title.text) { return; }
    var state = gd._eimTitle;
    var current = {text: title.text, y: title.y, marginT: layout.margin && layout.margin.t,
                   height: layout.height};
    var ours = state && current.text === state.applied.text && same(current.y, state.applied.y) &&
      current.marginT === state.applied.marginT && current.height === state.applied.height;
    if (!ours) {
      state = gd._eimTitle = {origin: measure(gd, svg), applied: current, fits: 0};
    } else if (state.applied.top !== undefined) {
      var drawn = rectOf(gd, ".gtitle", svg.getBoundingClientRect());
      var off = drawn ? drawn.top - state.applied.top : 0;
      if (Math.abs(off) > 1) {
        var lines = state.applied.lines;
        state.origin.shift[lines] = (state.origin.shift[lines] || 0) + off;
      }
    }
    var height = heightWanted(gd, svg, state.origin);
    var want = wanted(gd, svg, state.origin, height);
    want.height = height;
    if (want.text === current.text && same(current.y, want.y) &&
        want.marginT === current.marginT && want.height === current.height) {
      state.fits = 0;
      return;
    }
    if (++state.fits > 6) { return; }  // never a loop of redraws
    state.applied = {text: want.text, y: want.y, marginT: want.marginT, top: want.top,
                     lines: want.lines, height: want.height};
    var newTitle = Object.assign({}, typeof layout.title === "object" ? layout.title : {},
      {text: want.text, y: want.y, yanchor: want.yanchor, yref: want.yref});
    ["y", "yanchor", "yref"].forEach(function (key) {
      if (newTitle[key] === undefined) { delete newTitle[key]; }
    });
    var margin = Object.assign({}, layout.margin || {}, {t: want.marginT});
    if (want.marginT === undefined) { delete margin.t; }
    var next = Object.assign({}, layout, {title: newTitle, margin: margin, height: want.height});
    if (want.height === undefined) { delete next.height; }
    window.Plotly.react(gd, gd.data, next);
  }

  function watch(gd) {
    if (gd._eimTitleWatched || typeof gd.on !== "function") { return; }
    gd._eimTitleWatched = true;
    gd.on("plotly_afterplot", function () {
      window.requestAnimationFrame(function () { fit(gd); });
    });
    window.requestAnimationFrame(function () { fit(gd); });
  }

  var pending = false;
  new MutationObserver(function () {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      document.querySelectorAll(".js-plotly-plot").forEach(watch);
    });
  }).observe(document.documentElement, {childList: true, subtree: true});
})();
