/**
 * A remark plugin: turns the leaf directive `::widget{id="…" caption="…"}` (parsed by
 * remark-directive) into a `<widget-slot>` element that the chapter renderer maps to the live
 * widget. Any other directive is left as plain text, so a typo stays visible instead of vanishing.
 */
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';

interface DirectiveNode {
  type: 'leafDirective' | 'textDirective' | 'containerDirective';
  name: string;
  attributes?: Record<string, string | null | undefined> | null;
  data?: Record<string, unknown>;
  children: unknown[];
}

export function remarkWidgets() {
  return (tree: Root): void => {
    visit(tree, (node) => {
      const directive = node as unknown as DirectiveNode;
      if (directive.type !== 'leafDirective' || directive.name !== 'widget') return;
      const attrs = directive.attributes ?? {};
      directive.data = {
        hName: 'widget-slot',
        hProperties: { dataWidget: attrs.id ?? '', dataCaption: attrs.caption ?? '' },
      };
      directive.children = [];
    });
  };
}

/** The widget ids a chapter body places, in order (for tests and the table of contents). */
export function widgetIds(markdown: string): string[] {
  return Array.from(markdown.matchAll(/^::widget\{[^}]*\bid="([^"]+)"/gm), (m) => m[1]!);
}
