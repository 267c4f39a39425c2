/* Earshot embed loader: an Earshot player iframe posts
   {"context":"earshot","event":"resize","height":N} and its height follows
   (60..2000 px). Only messages from the iframe's own window and origin count. */
(function (w) {
  "use strict";
  if (w.earshotEmbed) return;
  w.earshotEmbed = 1;
  w.addEventListener("message", function (e) {
    var m = e.data, f, i, h;
    if (typeof m === "string") {
      try { m = JSON.parse(m); } catch (x) { return; }
    }
    if (!m || m.context !== "earshot" || m.event !== "resize") return;
    h = Math.round(Number(m.height));
    if (!(h > 0)) return;
    h = Math.min(2000, Math.max(60, h));
    f = document.getElementsByTagName("iframe");
    for (i = 0; i < f.length; i++) {
      if (f[i].contentWindow !== e.source) continue;
      try {
        if (new URL(f[i].src, document.baseURI).origin !== e.origin) return;
      } catch (x) { return; }
      f[i].height = h;
      f[i].style.height = h + "px";
      return;
    }
  });
})(window);
