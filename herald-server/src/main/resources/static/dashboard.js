// The dashboard: one EventSource on /dashboard/stats (a point a second, live only), charts drawn with
// uPlot, the last WINDOW points kept in the page. Plain script, no build step. Data from the hub (topics,
// subscribers, error messages) only ever reaches the page through textContent, never innerHTML (XSS).
"use strict";

(() => {
  const TEXTS = {
    en: {
      title: "Herald dashboard",
      publishedTotal: "Published since start",
      connections: "Connections",
      published: "Updates published/s",
      delivered: "Deliveries/s",
      latency: "Dispatch latency (ms)",
      disconnects: "Disconnects/s by reason",
      commitTime: "Store commit time (ms)",
      updatesPerCommit: "Updates per commit",
      redisLag: "Redis reader lag (updates)",
      redisRecoveries: "Redis reader recoveries",
      heap: "Heap (MiB)",
      gc: "GC time (ms/s)",
      topSubscribers: "Top topics by subscribers",
      topRate: "Top topics by updates/s",
      topic: "Topic",
      subscribers: "Subscribers",
      perSecond: "Updates/s",
      subscriptions: "Active subscriptions",
      filter: "Filter by topic or subscriber",
      subscriber: "Subscriber",
      testPublish: "Publish a test update",
      data: "Data",
      publish: "Publish",
      series: {
        http1: "HTTP/1.1", h2: "HTTP/2", streams: "SSE streams", perSecond: "per second", p50: "p50", p99: "p99",
        commitMs: "ms per commit", perCommit: "updates", lag: "updates behind", recoveries: "recoveries",
        used: "used", committed: "committed", gcMs: "ms/s",
      },
      status: { connecting: "Connecting…", open: "Live", reconnecting: "Reconnecting…" },
      shown: (shown, matching) => "Showing " + shown + " of " + matching + " (subscribers with a token; "
          + "anonymous ones only with --subscriptions-anonymous).",
      listingOff: "The listing is off (--no-subscriptions).",
      nothing: "None yet",
      publishedId: (id) => "Published: " + id,
      notPublished: (reason) => "Not published: " + reason,
      unreachable: "the admin listener could not be reached",
    },
    "zh-CN": {
      title: "Herald 仪表盘",
      publishedTotal: "启动以来发布",
      connections: "连接数",
      published: "每秒发布的更新",
      delivered: "每秒投递",
      latency: "分发延迟（毫秒）",
      disconnects: "每秒断开（按原因）",
      commitTime: "存储提交耗时（毫秒）",
      updatesPerCommit: "每次提交的更新数",
      redisLag: "Redis 读取延迟（更新数）",
      redisRecoveries: "Redis 读取恢复次数",
      heap: "堆内存（MiB）",
      gc: "GC 耗时（毫秒/秒）",
      topSubscribers: "订阅者最多的主题",
      topRate: "更新最频繁的主题",
      topic: "主题",
      subscribers: "订阅者",
      perSecond: "每秒更新",
      subscriptions: "活动订阅",
      filter: "按主题或订阅者筛选",
      subscriber: "订阅者",
      testPublish: "发布测试更新",
      data: "数据",
      publish: "发布",
      series: {
        http1: "HTTP/1.1", h2: "HTTP/2", streams: "SSE 流", perSecond: "每秒", p50: "p50", p99: "p99",
        commitMs: "毫秒/次", perCommit: "更新", lag: "落后的更新", recoveries: "恢复",
        used: "已用", committed: "已提交", gcMs: "毫秒/秒",
      },
      status: { connecting: "正在连接…", open: "实时", reconnecting: "正在重新连接…" },
      shown: (shown, matching) => "显示 " + shown + " / " + matching + "（带令牌的订阅者；匿名订阅者需 "
          + "--subscriptions-anonymous）。",
      listingOff: "订阅列表已关闭（--no-subscriptions）。",
      nothing: "暂无",
      publishedId: (id) => "已发布：" + id,
      notPublished: (reason) => "发布失败：" + reason,
      unreachable: "无法连接管理端口",
    },
  };
  // Five minutes at a point a second: 300 points per series, a few kilobytes per chart.
  const WINDOW = 300;
  const SUBSCRIPTIONS_EVERY_MS = 5000;
  const RETRY_MIN_MS = 1000;
  const RETRY_MAX_MS = 30000;
  const COLORS = ["#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#65a30d"];

  // Each chart: the series it draws (keys of TEXTS.series, or the point's own keys) and how to read them.
  const CHARTS = {
    connections: { series: ["http1", "h2", "streams"], read: (p) => [p.connections.http1, p.connections.h2, p.subscribers] },
    published: { series: ["perSecond"], read: (p) => [p.publishedPerSecond] },
    delivered: { series: ["perSecond"], read: (p) => [p.deliveredPerSecond] },
    latency: { series: ["p50", "p99"], read: (p) => [p.latencyMs.p50, p.latencyMs.p99] },
    disconnects: { series: null, read: (p) => Object.values(p.disconnectsPerSecond), names: (p) => Object.keys(p.disconnectsPerSecond) },
    "commit-time": { needs: "store", series: ["commitMs"], read: (p) => [p.store.commitMs] },
    "updates-per-commit": { needs: "store", series: ["perCommit"], read: (p) => [p.store.updatesPerCommit] },
    "redis-lag": { needs: "redis", series: ["lag"], read: (p) => [p.redis.lag] },
    "redis-recoveries": { needs: "redis", series: ["recoveries"], read: (p) => [p.redis.recoveries] },
    heap: { needs: "heap", series: ["used", "committed"], read: (p) => [p.heap.usedMiB, p.heap.committedMiB] },
    gc: { needs: "gc", series: ["gcMs"], read: (p) => [p.gc.msPerSecond] },
  };

  const language = heraldLanguage(); // language.js
  const text = TEXTS[language];
  const status = document.getElementById("status");
  const plots = {};
  const times = [];
  let retryMs = RETRY_MIN_MS;

  translate();
  connect();
  watchSubscriptions();
  document.getElementById("publish").addEventListener("submit", (event) => {
    event.preventDefault();
    publish();
  });
  window.addEventListener("resize", () => {
    for (const name of Object.keys(plots)) plots[name].plot.setSize(sizeOf(plots[name].section));
  });

  function translate() {
    document.documentElement.lang = language;
    document.title = text.title;
    for (const element of document.querySelectorAll("[data-i18n]")) {
      element.textContent = text[element.dataset.i18n];
    }
    setStatus(status.dataset.state);
  }

  function setStatus(state) {
    status.dataset.state = state;
    status.textContent = text.status[state];
  }

  function connect() {
    const source = new EventSource("/dashboard/stats");
    source.onopen = () => {
      retryMs = RETRY_MIN_MS;
      setStatus("open");
    };
    source.onmessage = (event) => show(JSON.parse(event.data));
    source.onerror = () => {
      setStatus("reconnecting");
      if (source.readyState === EventSource.CLOSED) {
        // e.g. 503: the stream already has its maximum of watchers.
        setTimeout(connect, retryMs);
        retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
      }
    };
  }

  function show(point) {
    times.push(point.time / 1000);
    if (times.length > WINDOW) times.shift();
    document.getElementById("published-total").textContent = String(point.publishedTotal);
    for (const [name, chart] of Object.entries(CHARTS)) {
      const section = document.querySelector('[data-chart="' + name + '"]');
      if (chart.needs && point[chart.needs] === undefined) continue;
      section.hidden = false;
      const values = chart.read(point);
      const state = plots[name] || (plots[name] = create(name, chart, section, point));
      values.forEach((value, i) => {
        state.values[i].push(value === null ? null : value);
        if (state.values[i].length > times.length) state.values[i].shift();
      });
      while (state.values[0].length < times.length) state.values.forEach((series) => series.unshift(null));
      state.plot.setData([times.slice(), ...state.values.map((series) => series.slice())]);
      // The newest value there is: an interval without dispatches has no latency, and keeps the last one.
      if (values[0] !== null && values[0] !== undefined) section.dataset.latest = String(round(values[0]));
      section.querySelector("output").textContent = summary(state.labels, values);
    }
    document.querySelector('[data-chart="published"]').dataset.total = String(point.publishedTotal);
    fill("top-subscribers", point.topBySubscribers, (v) => String(Math.round(v)));
    fill("top-rate", point.topByRate, format);
  }

  /** The newest values with their labels; of many series (disconnect reasons), only those above zero. */
  function summary(labels, values) {
    const shown = labels.map((label, i) => [label, values[i]])
        .filter(([, value], i, all) => all.length <= 3 || value > 0);
    return shown.length ? shown.map(([label, value]) => label + " " + format(value)).join(" · ") : "0";
  }

  function create(name, chart, section, point) {
    const keys = chart.series || chart.names(point);
    const labels = keys.map((key) => (text.series[key] || key.replaceAll("_", " ")));
    const axis = getComputedStyle(document.body).color;
    const grid = getComputedStyle(document.documentElement).getPropertyValue("--border").trim() || "#ccc";
    const options = Object.assign(sizeOf(section), {
      scales: { x: { time: true } },
      // Labels and colours only: the newest values are in the line above the chart.
      legend: { live: false },
      axes: [{ stroke: axis, grid: { stroke: grid } }, { stroke: axis, grid: { stroke: grid }, size: 56 }],
      series: [{}].concat(labels.map((label, i) => ({
        label, stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: false,
        value: (plot, value) => format(value),
      }))),
    });
    const values = labels.map(() => []);
    const plot = new uPlot(options, [[], ...values], section.querySelector(".plot"));
    return { plot, values, labels, section };
  }

  function sizeOf(section) {
    return { width: Math.max(240, section.clientWidth - 24), height: 140 };
  }

  function fill(tableId, rows, formatValue) {
    const body = document.querySelector("#" + tableId + " tbody");
    body.replaceChildren(...(rows.length ? rows.map((row) => tableRow(row.topic, formatValue(row.value)))
        : [tableRow(text.nothing, "")]));
  }

  function tableRow(first, second) {
    const tr = document.createElement("tr");
    for (const value of [first, second]) {
      const td = document.createElement("td");
      td.textContent = value;
      tr.append(td);
    }
    return tr;
  }

  function round(value) {
    return Math.round(value * 1000) / 1000;
  }

  function format(value) {
    if (value === null || value === undefined) return "–";
    if (Math.abs(value) >= 100) return String(Math.round(value));
    return value.toFixed(Number.isInteger(value) ? 0 : 2);
  }

  function watchSubscriptions() {
    const filter = document.getElementById("filter");
    let pending;
    filter.addEventListener("input", () => {
      clearTimeout(pending);
      pending = setTimeout(loadSubscriptions, 300);
    });
    loadSubscriptions();
    setInterval(loadSubscriptions, SUBSCRIPTIONS_EVERY_MS);
  }

  async function loadSubscriptions() {
    const filter = document.getElementById("filter").value;
    const note = document.getElementById("subscriptions-note");
    try {
      const response = await fetch("/dashboard/subscriptions?filter=" + encodeURIComponent(filter));
      if (!response.ok) {
        note.textContent = await reasonOf(response);
        return;
      }
      const listing = await response.json();
      note.textContent = listing.enabled ? text.shown(listing.subscriptions.length, listing.matching) : text.listingOff;
      const body = document.querySelector("#subscriptions tbody");
      body.replaceChildren(...listing.subscriptions.map((row) => tableRow(row.topic, row.subscriber)));
    } catch (networkError) {
      note.textContent = text.unreachable;
    }
  }

  async function publish() {
    const result = document.getElementById("publish-result");
    const topic = document.getElementById("publish-topic").value;
    const data = document.getElementById("publish-data").value;
    try {
      const response = await fetch("/dashboard/publish", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ topic, data }),
      });
      if (!response.ok) {
        result.dataset.outcome = "refused";
        result.textContent = text.notPublished(await reasonOf(response));
        return;
      }
      result.dataset.outcome = "published";
      result.textContent = text.publishedId((await response.json()).id);
    } catch (networkError) {
      result.dataset.outcome = "refused";
      result.textContent = text.notPublished(text.unreachable);
    }
  }

  async function reasonOf(response) {
    try {
      const body = await response.json();
      if (body && typeof body.error === "string") return body.error;
    } catch (notJson) {
      // fall through to the status line
    }
    return "HTTP " + response.status;
  }
})();
