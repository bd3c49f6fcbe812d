import { type LocalizedTexts } from '../shared/localized-text';

/** A place row as the read path returns it. */
export interface PlaceRow {
  id: string;
  slug: string;
  names: LocalizedTexts;
  originalLanguage: string;
  timeZone: string;
  latitude: number | null;
  longitude: number | null;
}

/** The select list producing a {@link PlaceRow} from `place p`. */
export const PLACE_COLUMNS = `p.id, p.slug, p.names, p.original_language AS "originalLanguage",
  p.time_zone AS "timeZone", p.latitude, p.longitude`;
