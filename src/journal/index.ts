// The request journal: what the mock answered, bounded, in memory; plain code the HTTP layer records into.
export {
  createJournal,
  type Journal,
  type JournalChange,
  type JournalEntry,
  type JournalFault,
  type JournalFile,
  type JournalImage,
  type JournalOutcome,
} from './journal.js';
export {
  matchesFilter,
  parseJournalFilter,
  type FilterResult,
  type JournalFilter,
} from './journal-filter.js';
