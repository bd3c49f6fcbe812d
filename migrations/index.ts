import { CoreSchema1795838400000 } from './1795838400000-core-schema';
import { SearchMentions1795842000000 } from './1795842000000-search-mentions';
import { SearchGrams1795845600000 } from './1795845600000-search-grams';
import { DataVersion1795849200000 } from './1795849200000-data-version';
import { TimelineIndexes1795852800000 } from './1795852800000-timeline-indexes';
import { Curation1795856400000 } from './1795856400000-curation';
import { CommitOrderedHistory1795860000000 } from './1795860000000-commit-ordered-history';
import { SharedInstanceState1795863600000 } from './1795863600000-shared-instance-state';
import { ChangeNotifications1795867200000 } from './1795867200000-change-notifications';
import { DataVersionAtCommit1795870800000 } from './1795870800000-data-version-at-commit';
import { SearchTimeIndexes1795874400000 } from './1795874400000-search-time-indexes';
import { CoveringTimeSpanIndex1795878000000 } from './1795878000000-covering-time-span-index';
import { ParticipantsInOrderIndex1795881600000 } from './1795881600000-participants-in-order-index';
import { SpanIndexSpGist1795885200000 } from './1795885200000-span-index-sp-gist';
import { CitationGramStatistics1795888800000 } from './1795888800000-citation-gram-statistics';

/** Every migration, oldest first. Landed migrations are never edited; add new ones at the end. */
export const MIGRATIONS = [
  CoreSchema1795838400000,
  SearchMentions1795842000000,
  SearchGrams1795845600000,
  DataVersion1795849200000,
  TimelineIndexes1795852800000,
  Curation1795856400000,
  CommitOrderedHistory1795860000000,
  SharedInstanceState1795863600000,
  ChangeNotifications1795867200000,
  DataVersionAtCommit1795870800000,
  SearchTimeIndexes1795874400000,
  CoveringTimeSpanIndex1795878000000,
  ParticipantsInOrderIndex1795881600000,
  SpanIndexSpGist1795885200000,
  CitationGramStatistics1795888800000,
];
