// Subscribes to a Herald stream with the npm `eventsource` package (a WHATWG EventSource for
// Node.js) and prints what it sees, one JSON object per line, for EventSourceInteropTest.
//   node eventsource-client.mjs URL EVENT_TYPE COUNT
// Exits after COUNT events, or after 30 s at the latest.
import { EventSource } from "eventsource";

const [url, eventType, count] = process.argv.slice(2);
const wanted = Number(count);
let received = 0;

const print = (line) => process.stdout.write(JSON.stringify(line) + "\n");
const source = new EventSource(url);

source.onopen = () => print({ kind: "open" });
source.onerror = () => print({ kind: "error", readyState: source.readyState });

const onEvent = (event) => {
  print({ kind: "event", type: event.type, id: event.lastEventId, data: event.data });
  received += 1;
  if (received >= wanted) {
    source.close();
    process.exit(0);
  }
};
source.addEventListener("message", onEvent);
source.addEventListener(eventType, onEvent);

setTimeout(() => {
  print({ kind: "timeout" });
  process.exit(1);
}, 30_000);
