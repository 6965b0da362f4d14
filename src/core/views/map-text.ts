import type { Block, View } from "./view.ts";

/** `view` with every piece of text it shows passed through `f` (ids and styles left alone). */
export function mapViewText(view: View, f: (text: string) => string): View {
  const block = (b: Block): Block => {
    switch (b.kind) {
      case "text":
      case "code":
        return { ...b, text: f(b.text) };
      case "list":
        return { ...b, items: b.items.map(f) };
      case "fields":
        return { ...b, items: b.items.map(([label, value]) => [f(label), f(value)] as const) };
      case "table":
        return { ...b, headers: b.headers.map(f), rows: b.rows.map((row) => row.map(f)) };
      case "buttons":
        return { ...b, buttons: b.buttons.map((button) => ({ ...button, label: f(button.label) })) };
    }
  };
  return { ...view, title: f(view.title), blocks: view.blocks.map(block) };
}
