import { describe, expect, it } from 'vitest';
import { parseChapter } from './parseChapter';
import { widgetIds } from './remarkWidgets';

describe('chapter files', () => {
  it('take their title from the first heading and their number from the file name', () => {
    const c = parseChapter('03-forward-process', '# The forward process\n\nText $x_t$.\n');
    expect(c).toMatchObject({ number: 3, title: 'The forward process', body: '\nText $x_t$.\n' });
  });

  it('list the widgets they place, in order, ignoring other text', () => {
    const md = 'Intro\n\n::widget{id="forward-scrubber" caption="Drag t."}\n\nnot ::widget{id="inline"}\n::widget{id="naive-vs-vp"}\n';
    expect(widgetIds(md)).toEqual(['forward-scrubber', 'naive-vs-vp']);
  });
});
