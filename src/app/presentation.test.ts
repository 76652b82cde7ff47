import { describe, expect, it } from 'vitest';
import { farStep, presentationAction, type KeyInfo } from './presentation';

const key = (k: string, more: Partial<KeyInfo> = {}): KeyInfo => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, targetTag: 'FIGURE', ...more });

describe('presentationAction', () => {
  it('maps the documented keys when the figure has focus', () => {
    expect(presentationAction(key('ArrowLeft'))).toBe('back');
    expect(presentationAction(key('ArrowRight'))).toBe('forward');
    expect(presentationAction(key(' '))).toBe('toggle');
    expect(presentationAction(key('r'))).toBe('reset');
    expect(presentationAction(key('R'))).toBe('reset');
    expect(presentationAction(key('Escape'))).toBe('exit');
    expect(presentationAction(key('x'))).toBeNull();
    expect(presentationAction(key('ArrowUp'))).toBeNull();
  });

  it('takes long steps with Shift+arrow and PageUp/PageDown, and goes to the ends with Home/End', () => {
    expect(presentationAction(key('ArrowLeft', { shiftKey: true }))).toBe('backFar');
    expect(presentationAction(key('ArrowRight', { shiftKey: true }))).toBe('forwardFar');
    // A presenter's clicker sends PageDown for "next" and PageUp for "previous".
    expect(presentationAction(key('PageDown'))).toBe('forwardFar');
    expect(presentationAction(key('PageUp'))).toBe('backFar');
    expect(presentationAction(key('Home'))).toBe('first');
    expect(presentationAction(key('End'))).toBe('last');
    // On a focused button they still move t; on a slider they belong to the slider.
    expect(presentationAction(key('End', { targetTag: 'BUTTON' }))).toBe('last');
    for (const k of ['PageUp', 'PageDown', 'Home', 'End']) expect(presentationAction(key(k, { targetTag: 'INPUT', targetType: 'range' }))).toBeNull();
  });

  it('a long step is a tenth of T, at least one', () => {
    expect(farStep(1000)).toBe(100);
    expect(farStep(200)).toBe(20);
    expect(farStep(10)).toBe(1);
    expect(farStep(2)).toBe(1);
  });

  it('leaves keys with Ctrl, ⌘ or Alt to the browser (Ctrl+R reloads)', () => {
    expect(presentationAction(key('r', { ctrlKey: true }))).toBeNull();
    expect(presentationAction(key('r', { metaKey: true }))).toBeNull();
    expect(presentationAction(key('ArrowLeft', { altKey: true }))).toBeNull();
  });

  it('never takes keys from a text field, a slider, a select or editable content', () => {
    for (const target of [
      { targetTag: 'INPUT', targetType: 'text' },
      { targetTag: 'INPUT', targetType: 'number' },
      { targetTag: 'INPUT', targetType: 'range' },
      { targetTag: 'TEXTAREA' },
      { targetTag: 'SELECT' },
      { targetTag: 'DIV', targetEditable: true },
    ]) {
      for (const k of ['ArrowLeft', 'ArrowRight', ' ', 'r']) expect(presentationAction(key(k, target))).toBeNull();
    }
  });

  it('lets Space press a focused button or checkbox, but arrows and R still work there', () => {
    expect(presentationAction(key(' ', { targetTag: 'BUTTON' }))).toBeNull();
    expect(presentationAction(key(' ', { targetTag: 'INPUT', targetType: 'checkbox' }))).toBeNull();
    expect(presentationAction(key('ArrowRight', { targetTag: 'BUTTON' }))).toBe('forward');
    expect(presentationAction(key('r', { targetTag: 'INPUT', targetType: 'checkbox' }))).toBe('reset');
  });

  it('always offers Esc to leave, even from a text field', () => {
    expect(presentationAction(key('Escape', { targetTag: 'INPUT', targetType: 'text' }))).toBe('exit');
  });
});
