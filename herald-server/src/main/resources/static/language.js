// Shared by the demo page and the dashboard: which of their two languages (English, Simplified
// Chinese) a browser gets. Loaded before each page's own script.
"use strict";

/** The first of the browser's preferred languages there are texts for: any zh-* gets zh-CN. */
function heraldLanguage() {
  const preferred = navigator.languages && navigator.languages.length
      ? navigator.languages : [navigator.language || "en"];
  for (const tag of preferred) {
    const primary = String(tag).toLowerCase().split("-")[0];
    if (primary === "zh") return "zh-CN";
    if (primary === "en") return "en";
  }
  return "en";
}
