import type { DraftRule } from './types.js';
import { daysBetween, entryField, entryName, listedEntries } from './entries.js';

export const entryDateWindow: DraftRule = {
  id: 'entry-date-window',
  description: 'An entry is dated after the issue date, or more than window_days before it',
  severity: 'error',
  check({ valid, config, report }) {
    const issueDate = valid.digest.date;
    return listedEntries(valid.digest).flatMap((listed) => {
      const { date } = listed.entry;
      const age = daysBetween(date, issueDate);
      if (age >= 0 && age <= config.window_days) return [];
      // Placed only now: locating a field builds the front matter's syntax tree.
      const { place, field } = entryField(valid, listed, 'date');
      if (age < 0) return [report(`${entryName(listed)} is dated ${date}, after the issue date ${issueDate}`, place, field)];
      const reason = `${entryName(listed)} is dated ${date}, ${age} days before the issue date ${issueDate} (window_days: ${config.window_days})`;
      return [report(reason, place, field)];
    });
  },
};

export const entryOrder: DraftRule = {
  id: 'entry-order',
  description: 'The entries of a list are not newest first',
  severity: 'warn',
  check({ valid, report }) {
    const entries = listedEntries(valid.digest);
    return entries.flatMap((listed, i) => {
      const above = entries[i - 1];
      if (!above || above.section !== listed.section || above.entry.date >= listed.entry.date) return [];
      const { place, field } = entryField(valid, listed, 'date');
      const reason = `${entryName(listed)} (${listed.entry.date}) is newer than the entry above it (${above.entry.date}); lists run newest first`;
      return [report(reason, place, field)];
    });
  },
};
