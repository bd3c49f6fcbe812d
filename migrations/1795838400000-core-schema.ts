import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** The core domain: places, actors, sources, events and what links them. */
export class CoreSchema1795838400000 implements MigrationInterface {
  name = 'CoreSchema1795838400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TYPE event_kind AS ENUM ('MEETING', 'VISIT', 'STATEMENT', 'LEGAL_ACTION', 'PROPOSAL', 'ELECTION', 'AGREEMENT', 'ANNOUNCEMENT', 'OTHER');
      CREATE TYPE event_status AS ENUM ('PLANNED', 'OCCURRED', 'CANCELLED', 'POSTPONED');
      CREATE TYPE time_precision AS ENUM ('YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE');
      CREATE TYPE actor_kind AS ENUM ('PERSON', 'ORGANIZATION', 'GOVERNMENT', 'MEDIA_OUTLET');
      CREATE TYPE source_kind AS ENUM ('NEWS_ARTICLE', 'SOCIAL_POST', 'OFFICIAL_STATEMENT', 'INTERVIEW', 'REPORT');
      CREATE TYPE participant_role AS ENUM ('HOST', 'GUEST', 'PARTICIPANT', 'SPEAKER', 'ISSUER', 'TARGET', 'MENTIONED');
      -- Only the forward direction is stored; HAS_PART, FOLLOWED_BY, CAUSES and HAS_RESPONSE are derived.
      CREATE TYPE relation_type AS ENUM ('PART_OF', 'FOLLOWS', 'CAUSED_BY', 'RESPONDS_TO');

      CREATE FUNCTION is_time_zone(zone text) RETURNS boolean LANGUAGE plpgsql STABLE AS $$
      BEGIN
        PERFORM now() AT TIME ZONE zone;
        RETURN zone ~ '^[A-Za-z]+(/[A-Za-z0-9_+-]+)*$';
      EXCEPTION WHEN invalid_parameter_value THEN
        RETURN false;
      END $$;
      CREATE DOMAIN time_zone_name AS text CHECK (is_time_zone(VALUE));

      CREATE DOMAIN language_tag AS text CHECK (VALUE ~ '^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$');
      CREATE DOMAIN slug AS text CHECK (VALUE ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(VALUE) <= 120);

      -- Localized text is a JSON object from BCP 47 tag to non-empty text: {"zh-Hans": "普京", "en": "Putin"}.
      CREATE FUNCTION is_localized_text(texts jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
        SELECT jsonb_typeof(texts) = 'object' AND NOT EXISTS (
          SELECT 1 FROM jsonb_each(texts) AS t
          WHERE jsonb_typeof(t.value) <> 'string'
             OR t.key !~ '^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$'
             OR btrim(t.value #>> '{}') = '')
      $$;
      CREATE FUNCTION localized_text_values(texts jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT coalesce(string_agg(value, ' ' ORDER BY key), '') FROM jsonb_each_text(texts)
      $$;
      CREATE FUNCTION joined_text(parts text[]) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT coalesce(string_agg(part, ' '), '') FROM unnest(parts) AS part
      $$;

      CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.updated_at := now();
        RETURN NEW;
      END $$;

      CREATE TABLE place (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        slug slug NOT NULL UNIQUE,
        names jsonb NOT NULL CHECK (is_localized_text(names)),
        original_language language_tag NOT NULL,
        time_zone time_zone_name NOT NULL,
        latitude double precision CHECK (latitude BETWEEN -90 AND 90),
        longitude double precision CHECK (longitude BETWEEN -180 AND 180),
        CONSTRAINT place_names_include_original_language CHECK (names ? original_language),
        CONSTRAINT place_coordinates_together CHECK ((latitude IS NULL) = (longitude IS NULL))
      );

      CREATE TABLE actor (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        slug slug NOT NULL UNIQUE,
        kind actor_kind NOT NULL,
        names jsonb NOT NULL CHECK (is_localized_text(names)),
        original_language language_tag NOT NULL,
        aliases text[] NOT NULL DEFAULT '{}',
        descriptions jsonb NOT NULL DEFAULT '{}' CHECK (is_localized_text(descriptions)),
        same_as text[] NOT NULL DEFAULT '{}',
        search_text text GENERATED ALWAYS AS (slug || ' ' || localized_text_values(names) || ' ' || joined_text(aliases)) STORED,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT actor_names_include_original_language CHECK (names ? original_language)
      );
      CREATE TRIGGER actor_touch_updated_at BEFORE UPDATE ON actor FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

      CREATE TABLE source (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        slug slug NOT NULL UNIQUE,
        kind source_kind NOT NULL,
        title text NOT NULL CHECK (btrim(title) <> ''),
        url text CHECK (url ~ '^https?://[^\\s]+$'),
        publisher_id bigint REFERENCES actor (id) ON DELETE SET NULL,
        author text,
        language language_tag NOT NULL,
        published_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX source_publisher_id_idx ON source (publisher_id);
      CREATE TRIGGER source_touch_updated_at BEFORE UPDATE ON source FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

      -- The first instant after the precision unit that begins at "start", in "zone".
      CREATE FUNCTION precision_unit_end(start timestamptz, unit time_precision, zone text) RETURNS timestamptz
      LANGUAGE sql STABLE AS $$
        SELECT ((start AT TIME ZONE zone) + CASE unit
          WHEN 'YEAR' THEN interval '1 year' WHEN 'MONTH' THEN interval '1 month'
          WHEN 'DAY' THEN interval '1 day' WHEN 'HOUR' THEN interval '1 hour'
          ELSE interval '1 minute' END) AT TIME ZONE zone
      $$;
      CREATE FUNCTION is_aligned_to_precision(instant timestamptz, unit time_precision, zone text) RETURNS boolean
      LANGUAGE sql STABLE AS $$
        SELECT instant = date_trunc(lower(unit::text), instant, zone)
      $$;

      CREATE TABLE event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        slug slug NOT NULL UNIQUE,
        kind event_kind NOT NULL,
        status event_status NOT NULL,
        start_at timestamptz(3) NOT NULL,
        end_at timestamptz(3),
        precision time_precision NOT NULL,
        time_zone time_zone_name NOT NULL,
        time_as_written text,
        time_approximate boolean NOT NULL DEFAULT false,
        -- Exclusive end of the time the event covers (end, or the start's whole precision unit): kept by a trigger.
        covers_until timestamptz(3) NOT NULL,
        place_id bigint REFERENCES place (id) ON DELETE SET NULL,
        tags text[] NOT NULL DEFAULT '{}',
        original_language language_tag NOT NULL,
        titles jsonb NOT NULL CHECK (is_localized_text(titles)),
        summaries jsonb NOT NULL DEFAULT '{}' CHECK (is_localized_text(summaries)),
        search_text text GENERATED ALWAYS AS (localized_text_values(titles) || ' ' || localized_text_values(summaries) || ' ' || joined_text(tags)) STORED,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT event_titles_include_original_language CHECK (titles ? original_language),
        CONSTRAINT event_end_not_before_start CHECK (end_at IS NULL OR end_at >= start_at)
      );
      CREATE INDEX event_start_at_id_idx ON event (start_at, id);
      CREATE INDEX event_place_id_idx ON event (place_id);
      CREATE INDEX event_tags_idx ON event USING gin (tags);

      CREATE FUNCTION event_keep_time() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT is_aligned_to_precision(NEW.start_at, NEW.precision, NEW.time_zone)
           OR (NEW.end_at IS NOT NULL AND NOT is_aligned_to_precision(NEW.end_at, NEW.precision, NEW.time_zone)) THEN
          RAISE EXCEPTION 'event % has a time that is not a whole % in %', NEW.slug, NEW.precision, NEW.time_zone
            USING ERRCODE = 'check_violation', CONSTRAINT = 'event_time_matches_precision';
        END IF;
        NEW.covers_until := precision_unit_end(coalesce(NEW.end_at, NEW.start_at), NEW.precision, NEW.time_zone);
        RETURN NEW;
      END $$;
      CREATE TRIGGER event_keep_time BEFORE INSERT OR UPDATE OF start_at, end_at, precision, time_zone ON event
        FOR EACH ROW EXECUTE FUNCTION event_keep_time();
      CREATE TRIGGER event_touch_updated_at BEFORE UPDATE ON event FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

      CREATE TABLE participation (
        event_id bigint NOT NULL REFERENCES event (id) ON DELETE CASCADE,
        actor_id bigint NOT NULL REFERENCES actor (id) ON DELETE CASCADE,
        role participant_role NOT NULL,
        note text,
        position integer NOT NULL DEFAULT 0,
        PRIMARY KEY (event_id, actor_id, role)
      );
      CREATE INDEX participation_actor_id_role_idx ON participation (actor_id, role);

      CREATE TABLE citation (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id bigint NOT NULL REFERENCES event (id) ON DELETE CASCADE,
        source_id bigint NOT NULL REFERENCES source (id) ON DELETE CASCADE,
        attributed_to_id bigint REFERENCES actor (id) ON DELETE SET NULL,
        speaker_id bigint REFERENCES actor (id) ON DELETE SET NULL,
        quote text CHECK (btrim(quote) <> ''),
        note text,
        -- When the source dates the event differently from the event's own time (a conflicting claim),
        -- that time, read in the event's zone at the given precision.
        claimed_start timestamptz(3),
        claimed_end timestamptz(3),
        claimed_precision time_precision,
        position integer NOT NULL DEFAULT 0,
        CONSTRAINT citation_claimed_time_complete CHECK ((claimed_start IS NULL) = (claimed_precision IS NULL)),
        CONSTRAINT citation_claimed_end_not_before_start CHECK (
          claimed_end IS NULL OR (claimed_start IS NOT NULL AND claimed_end >= claimed_start))
      );
      CREATE INDEX citation_event_id_position_idx ON citation (event_id, position, id);
      CREATE INDEX citation_source_id_idx ON citation (source_id);
      CREATE INDEX citation_speaker_id_idx ON citation (speaker_id);
      CREATE INDEX citation_attributed_to_id_idx ON citation (attributed_to_id);

      CREATE TABLE event_relation (
        from_event_id bigint NOT NULL REFERENCES event (id) ON DELETE CASCADE,
        type relation_type NOT NULL,
        to_event_id bigint NOT NULL REFERENCES event (id) ON DELETE CASCADE,
        PRIMARY KEY (from_event_id, type, to_event_id),
        CONSTRAINT event_relation_not_to_itself CHECK (from_event_id <> to_event_id)
      );
      CREATE INDEX event_relation_to_event_id_idx ON event_relation (to_event_id, type);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE event_relation, citation, participation, event, source, actor, place;
      DROP FUNCTION event_keep_time, is_aligned_to_precision, precision_unit_end, touch_updated_at,
        joined_text, localized_text_values, is_localized_text;
      DROP DOMAIN slug, language_tag, time_zone_name;
      DROP FUNCTION is_time_zone;
      DROP TYPE relation_type, participant_role, source_kind, actor_kind, time_precision, event_status, event_kind;
    `);
  }
}
