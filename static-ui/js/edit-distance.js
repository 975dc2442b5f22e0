// How much an operator changed a suggested reply before sending it: the Levenshtein distance
// (insertions, deletions and substitutions of one character each) divided by the longer text's
// length, so 0 is "sent as is" and 1 "nothing in common". Characters are Unicode code points, so
// an emoji counts once. Pure functions, no DOM: e2e's FeedbackIT runs them in the browser.

/** The Levenshtein distance between `a` and `b`, in code points. */
export function levenshtein(a, b) {
  let s = Array.from(String(a));
  let t = Array.from(String(b));
  // What both texts start and end with costs nothing: typical edits are local, and this keeps a
  // long reply with one changed word from costing length × length steps.
  let start = 0;
  while (start < s.length && start < t.length && s[start] === t[start]) start += 1;
  let end = 0;
  while (end < s.length - start && end < t.length - start && s[s.length - 1 - end] === t[t.length - 1 - end]) end += 1;
  s = s.slice(start, s.length - end);
  t = t.slice(start, t.length - end);
  if (s.length < t.length) [s, t] = [t, s];
  if (t.length === 0) return s.length;
  // One row of the table at a time, over the shorter text.
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  let current = new Array(t.length + 1);
  for (let i = 1; i <= s.length; i += 1) {
    current[0] = i;
    for (let j = 1; j <= t.length; j += 1) {
      const substitution = previous[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
    }
    [previous, current] = [current, previous];
  }
  return previous[t.length];
}

/**
 * The normalised edit distance between the suggestion and the text sent, in [0, 1]: 0 when they
 * are equal (two empty texts too), 1 when nothing of one is left in the other.
 */
export function editRatio(suggestion, sent) {
  const longer = Math.max(Array.from(String(suggestion)).length, Array.from(String(sent)).length);
  if (longer === 0) return 0;
  return levenshtein(suggestion, sent) / longer;
}
