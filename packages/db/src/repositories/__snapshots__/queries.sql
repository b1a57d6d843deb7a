-- listReviewItems (all filters)
select "ri"."id", "ri"."status", "ri"."score", "ri"."created_at", "ri"."updated_at", "ri"."assigned_to", "ri"."claimed_by", "ri"."claim_expires_at", "ri"."contest_id", "ri"."posted_at" as "sort_posted_at", "ri"."captured_at", "p"."id" as "post_id", "p"."platform", "p"."kind", "p"."text", "p"."url", "p"."author_handle", "p"."posted_at", "c"."candidate", "c"."stance", "c"."category", "c"."model_version", "pe"."id" as "person_id", "pe"."name" as "person_name", "pe"."nip", "pe"."agency", "pe"."region_code", "k"."region_code" as "contest_region_code", "c"."contest_timing", (SELECT region_code FROM contests WHERE id = c.contest_timing->>'contest') as "timing_region_code" from "review_items" as "ri" inner join "posts" as "p" on "p"."id" = "ri"."post_id" inner join "classifications" as "c" on "c"."id" = "ri"."classification_id" left join "accounts" as "a" on "a"."id" = "p"."account_id" left join "people" as "pe" on "pe"."id" = "ri"."person_id" left join "contests" as "k" on "k"."id" = "ri"."contest_id" where (true AND ri.status = $1 AND ri.platform = $2 AND ri.contest_id = $3 AND ri.score >= $4 AND ri.person_id IN (SELECT id FROM people WHERE region_code = $5 OR region_code LIKE $6) AND (ri.post_id IN (SELECT id FROM posts WHERE text ILIKE $7 OR author_handle ILIKE $8) OR ri.person_id IN (SELECT id FROM people WHERE name ILIKE $9))) order by "ri"."score" desc, "ri"."id" desc limit $10 offset $11;

-- listReviewItems (my queue, NIP search, sorted by posted time)
select "ri"."id", "ri"."status", "ri"."score", "ri"."created_at", "ri"."updated_at", "ri"."assigned_to", "ri"."claimed_by", "ri"."claim_expires_at", "ri"."contest_id", "ri"."posted_at" as "sort_posted_at", "ri"."captured_at", "p"."id" as "post_id", "p"."platform", "p"."kind", "p"."text", "p"."url", "p"."author_handle", "p"."posted_at", "c"."candidate", "c"."stance", "c"."category", "c"."model_version", "pe"."id" as "person_id", "pe"."name" as "person_name", "pe"."nip", "pe"."agency", "pe"."region_code", "k"."region_code" as "contest_region_code", "c"."contest_timing", (SELECT region_code FROM contests WHERE id = c.contest_timing->>'contest') as "timing_region_code" from "review_items" as "ri" inner join "posts" as "p" on "p"."id" = "ri"."post_id" inner join "classifications" as "c" on "c"."id" = "ri"."classification_id" left join "accounts" as "a" on "a"."id" = "p"."account_id" left join "people" as "pe" on "pe"."id" = "ri"."person_id" left join "contests" as "k" on "k"."id" = "ri"."contest_id" where (true AND ri.status = $1 AND ri.assigned_to = $2 AND ri.person_id IN (SELECT id FROM people WHERE nip LIKE $3)) order by "ri"."posted_at" asc, "ri"."id" asc limit $4 offset $5;

-- countReviewQueue
select count(*) as "n" from (select 1 as "one" from "review_items" as "ri" where (true AND ri.status = $1 AND ri.post_id IN (SELECT id FROM posts WHERE text ILIKE $2)) order by "ri"."score" desc, "ri"."id" desc limit $3) as "matching";

-- findQueueNeighbour
select "ri"."id", "ri"."score", "ri"."posted_at", "ri"."captured_at" from "review_items" as "ri" where "ri"."id" = $1;
select "ri"."id" from "review_items" as "ri" where (true AND ri.status = $1) and ("ri"."captured_at", "ri"."id") < ($2, $3) order by "ri"."captured_at" desc, "ri"."id" desc limit $4;

-- claimNextReviewItem (row lock, SKIP LOCKED, lease)
select "ri"."id" from "review_items" as "ri" where (true AND ri.status = $1 AND ri.platform = $2) and (ri.claimed_by IS NULL OR ri.claim_expires_at < now() OR ri.claimed_by = $3) and "ri"."id" not in ($4) order by "ri"."score" desc, "ri"."id" desc limit $5 for update skip locked;
update "review_items" set "claimed_by" = $1, "claim_expires_at" = now() + make_interval(secs => $2) where "id" = $3;

-- claimReviewItem
update "review_items" as "ri" set "claimed_by" = $1, "claim_expires_at" = now() + make_interval(secs => $2) where "ri"."id" = $3 and (ri.claimed_by IS NULL OR ri.claim_expires_at < now() OR ri.claimed_by = $4) returning "ri"."claimed_by", "ri"."claim_expires_at";
select "claimed_by", "claim_expires_at" from "review_items" where "id" = $1;

-- releaseReviewClaim
update "review_items" set "claimed_by" = $1, "claim_expires_at" = $2 where "id" = $3 and "claimed_by" = $4;

-- lockReviewItem (decision)
select "id", "status", "claimed_by", claim_expires_at > now() as "claim_live" from "review_items" where "id" = $1 for update;

-- lockBulkSelection
select "ri"."id" from "review_items" as "ri" where (true AND ri.status = $1 AND ri.contest_id = $2) and (ri.claimed_by IS NULL OR ri.claim_expires_at < now() OR ri.claimed_by = $3) for update skip locked;

-- countBulkSelection
select count(*) as "n" from "review_items" as "ri" where (true AND ri.status = $1 AND ri.contest_id = $2) and (ri.claimed_by IS NULL OR ri.claim_expires_at < now() OR ri.claimed_by = $3);

-- dismissReviewItems (bulk)
insert into "review_decisions" ("review_item_id", "decided_by", "decision", "label", "candidate", "stance", "category", "note", "reason") values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning "id", "review_item_id";
update "review_items" set "status" = $1, "decided_at" = now(), "decided_by" = $2, "claimed_by" = $3, "claim_expires_at" = $4, "updated_at" = now() where "id" in ($5);

-- searchPeople (NIP prefix)
select "id", "name", "nip", "agency", "position", "region_code" from "people" where "nip" like $1 order by "name", "id" limit $2;

-- listPersonReviewItems
select "ri"."id", "ri"."status", "ri"."score", "ri"."candidate", "ri"."contest_id", "ri"."posted_at", "ri"."decided_at", "p"."platform", "p"."author_handle", "p"."text", "k"."region_code" as "contest_region_code", "k"."region_name" as "contest_name" from "review_items" as "ri" inner join "posts" as "p" on "p"."id" = "ri"."post_id" left join "contests" as "k" on "k"."id" = "ri"."contest_id" where "ri"."person_id" = $1 order by "ri"."posted_at" desc nulls last, "ri"."id" limit $2;

-- summarisePersonReviews
select "status", count(*) as "n", min("posted_at") as "first_at", max("posted_at") as "last_at" from "review_items" where "person_id" = $1 group by "status";

-- overviewCounts

    SELECT grouping(ri.contest_id) AS g_contest, grouping(split_part(pe.region_code, '.', 1)) AS g_region,
           grouping(pe.agency) AS g_agency, grouping(ri.platform) AS g_platform, grouping(ri.candidate) AS g_candidate,
           ri.contest_id AS contest, split_part(pe.region_code, '.', 1) AS region, pe.agency, ri.platform,
           ri.candidate, date_trunc('week', ri.posted_at) AS week,
           count(*) FILTER (WHERE ri.status = 'open') AS open,
           count(*) FILTER (WHERE ri.status = 'confirmed') AS confirmed,
           count(*) FILTER (WHERE ri.status = 'dismissed') AS dismissed,
           count(*) FILTER (WHERE ri.status NOT IN ('open', 'confirmed', 'dismissed')) AS other
      FROM review_items ri LEFT JOIN people pe ON pe.id = ri.person_id
     WHERE ri.created_at >= $1
     GROUP BY GROUPING SETS ((ri.contest_id), (split_part(pe.region_code, '.', 1)), (pe.agency), (ri.platform),
       (ri.candidate), (date_trunc('week', ri.posted_at)));

-- openItemsByAge

    SELECT CASE WHEN age < interval '1 day' THEN 0 WHEN age < interval '3 days' THEN 1
                WHEN age < interval '7 days' THEN 2 WHEN age < interval '14 days' THEN 3 ELSE 4 END AS bucket,
           count(*) AS n
      FROM (SELECT now() - created_at AS age FROM review_items WHERE status = 'open') open_items
     GROUP BY 1 ORDER BY 1;

-- analystThroughput

    SELECT u.username, u.display_name, date_trunc('week', d.created_at) AS week, count(*) AS n
      FROM review_decisions d JOIN users u ON u.id = d.decided_by
     WHERE d.created_at >= date_trunc('week', now()) - make_interval(weeks => $1)
     GROUP BY u.username, u.display_name, 3 ORDER BY 3, 1;

-- countReviewItemsByStatus
SELECT $1::text AS status, (SELECT count(*) FROM (SELECT 1 FROM review_items WHERE status = $2 ORDER BY score DESC, id DESC LIMIT $3) s) AS n UNION ALL SELECT $4::text AS status, (SELECT count(*) FROM (SELECT 1 FROM review_items WHERE status = $5 ORDER BY score DESC, id DESC LIMIT $6) s) AS n UNION ALL SELECT $7::text AS status, (SELECT count(*) FROM (SELECT 1 FROM review_items WHERE status = $8 ORDER BY score DESC, id DESC LIMIT $9) s) AS n UNION ALL SELECT $10::text AS status, (SELECT count(*) FROM (SELECT 1 FROM review_items WHERE status = $11 ORDER BY score DESC, id DESC LIMIT $12) s) AS n UNION ALL SELECT $13::text AS status, (SELECT count(*) FROM (SELECT 1 FROM review_items WHERE status = $14 ORDER BY score DESC, id DESC LIMIT $15) s) AS n;

-- readReviewBacklog
select "status", count(*) as "n", min("created_at") as "oldest" from "review_items" where "status" in ($1, $2, $3) group by "status";

-- listArtefactsAfter
select "sha256", max("bytes") as "bytes" from "evidence_artefacts" where "sha256" > $1 group by "sha256" order by "sha256" limit $2;

-- countPostsStoredSince
select count(*) as "n" from "posts" where "created_at" >= $1;

-- listDecidedItemsPage
select "ri"."id" as "review_item_id", "d"."reason", "d"."id" as "decision_id", "d"."decision", "d"."label", "d"."candidate", "d"."stance", "d"."category", "d"."note", "d"."created_at" as "decided_at", "u"."username" as "decided_by", "p"."platform", "p"."external_id", "p"."kind", "p"."url", "p"."text", "p"."context", "p"."posted_at", "p"."content_hash", "c"."score", "c"."model_version", "c"."candidate" as "model_candidate", "c"."contest_timing", (SELECT region_code FROM contests WHERE id = c.contest_timing->>'contest') as "timing_region_code", "pe"."id" as "person_id", "pe"."name" as "person_name", "pe"."nip", "pe"."agency", "pe"."position", "pe"."region_code", "pe"."ppk" from "review_decisions" as "d" inner join "review_items" as "ri" on "ri"."id" = "d"."review_item_id" inner join "posts" as "p" on "p"."id" = "ri"."post_id" inner join "classifications" as "c" on "c"."id" = "ri"."classification_id" inner join "users" as "u" on "u"."id" = "d"."decided_by" left join "accounts" as "a" on "a"."id" = "p"."account_id" left join "people" as "pe" on "pe"."id" = "a"."person_id" where not exists (select "d2"."id" from "review_decisions" as "d2" where "d2"."review_item_id" = "d"."review_item_id" and "d2"."created_at" > "d"."created_at") and "d"."created_at" >= $1 and "d"."candidate" like $2 and (d.created_at, d.id) > (SELECT created_at, id FROM review_decisions WHERE id = $3) order by "d"."created_at", "d"."id" limit $4;

-- listAllPersonIds
select "id" from "people" order by "id";

-- listPeoplePage (the watchlist export, a page after a person)
select * from "people" where ("name", "nip") > ($1, $2) order by "name", "nip" limit $3;

-- listAccountsOfPeople
select * from "accounts" where "person_id" in ($1) order by "platform", "handle";

-- listPersonsOfArtefact
select distinct "a"."person_id" from "evidence_artefacts" as "e" inner join "posts" as "p" on "p"."id" = "e"."post_id" inner join "accounts" as "a" on "a"."id" = "p"."account_id" where "e"."sha256" = $1;

-- appendDecision
insert into "review_decisions" ("review_item_id", "decided_by", "decision", "label", "candidate", "stance", "category", "note", "reason", "undoes") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning *;
update "review_items" set "status" = $1, "updated_at" = now(), "decided_at" = now(), "decided_by" = $2, "candidate" = $3, "contest_id" = $4, "claimed_by" = $5, "claim_expires_at" = $6 where "id" = $7;

-- upsertPost
insert into "posts" ("platform", "external_id", "account_id", "author_handle", "url", "kind", "text", "content_hash", "posted_at", "fetched_at", "last_seen_at", "context", "media_descriptions", "raw", "crawl_run_id") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) on conflict ("platform", "external_id") do update set "last_seen_at" = greatest(posts.last_seen_at, excluded.last_seen_at) returning "id", (xmax = 0) as "inserted";

-- saveClassification
insert into "classifications" ("post_id", "model_version", "score", "flagged", "candidate", "stance", "category", "evidence", "language", "contest_timing") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) on conflict ("post_id", "model_version", "image_text_key", "text_key") do nothing returning "id";
insert into "review_items" ("post_id", "classification_id", "score") values ($1, $2, $3) on conflict ("post_id") do nothing;
select "id" from "review_items" where "post_id" = $1;

-- upsertPosts (the classifier worker: one statement for a batch of posts and their evidence)
/* netra:prepared */ 
    WITH input AS (
      SELECT * FROM unnest(
        $1::text[], $2::text[],
        $3::uuid[], $4::text[], $5::text[],
        $6::text[], $7::text[], $8::text[],
        $9::timestamptz[], $10::timestamptz[],
        $11::timestamptz[], $12::jsonb[],
        $13::jsonb[],
        -- Readings are only ever appended (see the update below): earlier classifications' evidence offsets
        -- point into the list as it was.
        $14::jsonb[], $15::jsonb[],
        $16::uuid[]
      ) AS i(platform, external_id, account_id, author_handle, url, kind, text, content_hash, posted_at, fetched_at,
        last_seen_at, context, media_descriptions, image_readings, raw, crawl_run_id)
    ), stored AS (
      INSERT INTO posts (platform, external_id, account_id, author_handle, url, kind, text, content_hash, posted_at,
        fetched_at, last_seen_at, context, media_descriptions, image_readings, raw, crawl_run_id)
      SELECT * FROM input
      ON CONFLICT (platform, external_id) DO UPDATE SET
        last_seen_at = greatest(posts.last_seen_at, excluded.last_seen_at),
        -- The scraper records the sighting before OCR has run: the first readings the classifier brings fill
        -- the empty list. Later readings of images the list does not have yet (a tip's further screenshot) are
        -- appended, in the job's order; readings already there stay as they are — every classification's
        -- evidence offsets point into the list as it was when it was computed, which appending keeps true.
        image_readings = CASE
          WHEN posts.image_readings = '[]'::jsonb THEN excluded.image_readings
          WHEN excluded.image_readings = '[]'::jsonb THEN posts.image_readings
          ELSE posts.image_readings || coalesce((
            SELECT jsonb_agg(e ORDER BY n) FROM jsonb_array_elements(excluded.image_readings) WITH ORDINALITY x(e, n)
            WHERE NOT posts.image_readings @> jsonb_build_array(jsonb_build_object('sha256', e->'sha256'))), '[]'::jsonb)
          END
      -- Only when that changes something. The classifier stores posts the scraper has already recorded: an
      -- unconditional update wrote a new version of every post row (and its index entries) for nothing. The
      -- image check reads the lists only when both have readings (a further image, or a retried job).
      WHERE posts.last_seen_at < excluded.last_seen_at
        OR (excluded.image_readings <> '[]'::jsonb AND (posts.image_readings = '[]'::jsonb
          OR EXISTS (SELECT 1 FROM jsonb_array_elements(excluded.image_readings) e
            WHERE NOT posts.image_readings @> jsonb_build_array(jsonb_build_object('sha256', e->'sha256')))))
      -- xmax = 0 only for a freshly inserted row: tells insert from update in the same statement.
      RETURNING id, platform, external_id, (xmax = 0) AS inserted
    ), unchanged AS (
      -- Posts already stored that the update skipped; the snapshot shows the rows as they were before this
      -- statement, i.e. exactly the stored ones (a post inserted by this statement is not in it).
      SELECT p.id, p.platform, p.external_id, false AS inserted
      FROM input i CROSS JOIN LATERAL (
        SELECT id, platform, external_id FROM posts
        WHERE platform = i.platform AND external_id = i.external_id LIMIT 1) p
      WHERE NOT EXISTS (SELECT 1 FROM stored s WHERE s.platform = i.platform AND s.external_id = i.external_id)
    ), known AS (
      SELECT id, platform, external_id, inserted FROM stored
      UNION ALL
      SELECT id, platform, external_id, inserted FROM unchanged
    ), artefacts AS (
      SELECT s.id AS post_id, s.inserted, e.kind, e.sha256, e.bytes, e.media_type, e.path, e.captured_at
      FROM unnest(
        $17::text[], $18::text[],
        $19::text[], $20::text[],
        $21::integer[], $22::text[],
        $23::text[], $24::timestamptz[]
      ) AS e(platform, external_id, kind, sha256, bytes, media_type, path, captured_at)
      JOIN known s ON s.platform = e.platform AND s.external_id = e.external_id
    ), new_evidence AS (
      -- A post this statement inserted has a new id: none of its evidence can exist (the batch's own repeats
      -- are merged before), so a plain insert, without ON CONFLICT's extra index probe and confirmation per row.
      INSERT INTO evidence_artefacts (post_id, kind, sha256, bytes, media_type, path, captured_at)
      SELECT post_id, kind, sha256, bytes, media_type, path, captured_at FROM artefacts WHERE inserted
    ), evidence AS (
      INSERT INTO evidence_artefacts (post_id, kind, sha256, bytes, media_type, path, captured_at)
      SELECT post_id, kind, sha256, bytes, media_type, path, captured_at FROM artefacts WHERE NOT inserted
      ON CONFLICT (post_id, sha256) DO NOTHING
    )
    SELECT id, platform, external_id, inserted FROM known;
/* netra:prepared */ 
    WITH input AS (
      SELECT * FROM unnest(
        $1::text[], $2::text[],
        $3::uuid[], $4::text[], $5::text[],
        $6::text[], $7::text[], $8::text[],
        $9::timestamptz[], $10::timestamptz[],
        $11::timestamptz[], $12::jsonb[],
        $13::jsonb[],
        -- Readings are only ever appended (see the update below): earlier classifications' evidence offsets
        -- point into the list as it was.
        $14::jsonb[], $15::jsonb[],
        $16::uuid[]
      ) AS i(platform, external_id, account_id, author_handle, url, kind, text, content_hash, posted_at, fetched_at,
        last_seen_at, context, media_descriptions, image_readings, raw, crawl_run_id)
    ), stored AS (
      INSERT INTO posts (platform, external_id, account_id, author_handle, url, kind, text, content_hash, posted_at,
        fetched_at, last_seen_at, context, media_descriptions, image_readings, raw, crawl_run_id)
      SELECT * FROM input
      ON CONFLICT (platform, external_id) DO UPDATE SET
        last_seen_at = greatest(posts.last_seen_at, excluded.last_seen_at),
        -- The scraper records the sighting before OCR has run: the first readings the classifier brings fill
        -- the empty list. Later readings of images the list does not have yet (a tip's further screenshot) are
        -- appended, in the job's order; readings already there stay as they are — every classification's
        -- evidence offsets point into the list as it was when it was computed, which appending keeps true.
        image_readings = CASE
          WHEN posts.image_readings = '[]'::jsonb THEN excluded.image_readings
          WHEN excluded.image_readings = '[]'::jsonb THEN posts.image_readings
          ELSE posts.image_readings || coalesce((
            SELECT jsonb_agg(e ORDER BY n) FROM jsonb_array_elements(excluded.image_readings) WITH ORDINALITY x(e, n)
            WHERE NOT posts.image_readings @> jsonb_build_array(jsonb_build_object('sha256', e->'sha256'))), '[]'::jsonb)
          END
      -- Only when that changes something. The classifier stores posts the scraper has already recorded: an
      -- unconditional update wrote a new version of every post row (and its index entries) for nothing. The
      -- image check reads the lists only when both have readings (a further image, or a retried job).
      WHERE posts.last_seen_at < excluded.last_seen_at
        OR (excluded.image_readings <> '[]'::jsonb AND (posts.image_readings = '[]'::jsonb
          OR EXISTS (SELECT 1 FROM jsonb_array_elements(excluded.image_readings) e
            WHERE NOT posts.image_readings @> jsonb_build_array(jsonb_build_object('sha256', e->'sha256')))))
      -- xmax = 0 only for a freshly inserted row: tells insert from update in the same statement.
      RETURNING id, platform, external_id, (xmax = 0) AS inserted
    ), unchanged AS (
      -- Posts already stored that the update skipped; the snapshot shows the rows as they were before this
      -- statement, i.e. exactly the stored ones (a post inserted by this statement is not in it).
      SELECT p.id, p.platform, p.external_id, false AS inserted
      FROM input i CROSS JOIN LATERAL (
        SELECT id, platform, external_id FROM posts
        WHERE platform = i.platform AND external_id = i.external_id LIMIT 1) p
      WHERE NOT EXISTS (SELECT 1 FROM stored s WHERE s.platform = i.platform AND s.external_id = i.external_id)
    ), known AS (
      SELECT id, platform, external_id, inserted FROM stored
      UNION ALL
      SELECT id, platform, external_id, inserted FROM unchanged
    ), artefacts AS (
      SELECT s.id AS post_id, s.inserted, e.kind, e.sha256, e.bytes, e.media_type, e.path, e.captured_at
      FROM unnest(
        $17::text[], $18::text[],
        $19::text[], $20::text[],
        $21::integer[], $22::text[],
        $23::text[], $24::timestamptz[]
      ) AS e(platform, external_id, kind, sha256, bytes, media_type, path, captured_at)
      JOIN known s ON s.platform = e.platform AND s.external_id = e.external_id
    ), new_evidence AS (
      -- A post this statement inserted has a new id: none of its evidence can exist (the batch's own repeats
      -- are merged before), so a plain insert, without ON CONFLICT's extra index probe and confirmation per row.
      INSERT INTO evidence_artefacts (post_id, kind, sha256, bytes, media_type, path, captured_at)
      SELECT post_id, kind, sha256, bytes, media_type, path, captured_at FROM artefacts WHERE inserted
    ), evidence AS (
      INSERT INTO evidence_artefacts (post_id, kind, sha256, bytes, media_type, path, captured_at)
      SELECT post_id, kind, sha256, bytes, media_type, path, captured_at FROM artefacts WHERE NOT inserted
      ON CONFLICT (post_id, sha256) DO NOTHING
    )
    SELECT id, platform, external_id, inserted FROM known;

-- saveClassifications (the classifier worker: one statement for classifications and review items)
/* netra:prepared */ 
      WITH input AS (
        SELECT * FROM unnest(
          $1::uuid[], $2::text[],
          $3::double precision[], $4::boolean[],
          $5::text[], $6::text[], $7::text[],
          $8::jsonb[], $9::text[],
          $10::boolean[], $11::text[],
          $12::boolean[],
          $13::jsonb[],
          $14::text[]
        ) AS x(post_id, model_version, score, flagged, candidate, stance, category, evidence, language, review,
          image_text_key, new_post, contest_timing, text_key)
      ), inserted_new AS (
        -- Posts this transaction inserted: nothing of theirs can exist, so no ON CONFLICT (its extra index probe
        -- and confirmation per row).
        INSERT INTO classifications (post_id, model_version, score, flagged, candidate, stance, category, evidence,
          language, image_text_key, with_image_text, contest_timing, text_key)
        SELECT post_id, model_version, score, flagged, candidate, stance, category, evidence, language,
          image_text_key, image_text_key <> '', contest_timing, text_key FROM input WHERE new_post
        RETURNING id, post_id, model_version, image_text_key, text_key, candidate
      ), inserted_known AS (
        INSERT INTO classifications (post_id, model_version, score, flagged, candidate, stance, category, evidence,
          language, image_text_key, with_image_text, contest_timing, text_key)
        SELECT post_id, model_version, score, flagged, candidate, stance, category, evidence, language,
          image_text_key, image_text_key <> '', contest_timing, text_key FROM input WHERE NOT new_post
        ON CONFLICT (post_id, model_version, image_text_key, text_key) DO NOTHING
        RETURNING id, post_id, model_version, image_text_key, text_key, candidate
      ), inserted AS (
        SELECT id, post_id, model_version, image_text_key, text_key, candidate FROM inserted_new
        UNION ALL
        SELECT id, post_id, model_version, image_text_key, text_key, candidate FROM inserted_known
      ), classified AS (
        SELECT id, post_id, model_version, image_text_key, text_key, candidate, true AS fresh FROM inserted
        UNION ALL
        SELECT c.id, c.post_id, c.model_version, c.image_text_key, c.text_key, c.candidate, false AS fresh
        FROM input i CROSS JOIN LATERAL (
          SELECT id, post_id, model_version, image_text_key, text_key, candidate FROM classifications
          WHERE post_id = i.post_id AND model_version = i.model_version AND image_text_key = i.image_text_key
            AND text_key = i.text_key
          LIMIT 1) c
        -- Only for rows the INSERT skipped: probing the index for each new row too found nothing, at a cost.
        WHERE NOT EXISTS (SELECT 1 FROM inserted n WHERE n.post_id = i.post_id AND n.model_version = i.model_version
          AND n.image_text_key = i.image_text_key AND n.text_key = i.text_key)
      ), items AS (
        -- The item's keys by the rules of its key trigger (migration 2026-11-29-0800), which then does not run
        -- (it runs only when no platform is given): read here, they cost no PL/pgSQL call per item.
        SELECT i.post_id, k.id AS classification_id, i.score, k.candidate,
          nullif(split_part(coalesce(k.candidate, ''), '#', 1), '') AS contest_id, p.platform,
          coalesce(p.posted_at, p.fetched_at) AS posted_at, p.fetched_at AS captured_at, a.person_id, i.new_post
        FROM input i JOIN classified k ON k.post_id = i.post_id AND k.model_version = i.model_version
          AND k.image_text_key = i.image_text_key AND k.text_key = i.text_key
          JOIN posts p ON p.id = i.post_id LEFT JOIN accounts a ON a.id = p.account_id
        WHERE i.review
      ), opened_new AS (
        INSERT INTO review_items (post_id, classification_id, score, candidate, contest_id, platform, posted_at,
          captured_at, person_id)
        SELECT post_id, classification_id, score, candidate, contest_id, platform, posted_at, captured_at, person_id
        FROM items WHERE new_post
        RETURNING id, post_id
      ), opened_known AS (
        INSERT INTO review_items (post_id, classification_id, score, candidate, contest_id, platform, posted_at,
          captured_at, person_id)
        SELECT post_id, classification_id, score, candidate, contest_id, platform, posted_at, captured_at, person_id
        FROM items WHERE NOT new_post
        ON CONFLICT (post_id) DO NOTHING
        RETURNING id, post_id
      ), opened AS (
        SELECT id, post_id FROM opened_new
        UNION ALL
        SELECT id, post_id FROM opened_known
      ), reviewed AS (
        SELECT id, post_id FROM opened
        UNION ALL
        SELECT r.id, r.post_id
        FROM input i CROSS JOIN LATERAL (SELECT id, post_id FROM review_items WHERE post_id = i.post_id LIMIT 1) r
        WHERE i.review AND NOT EXISTS (SELECT 1 FROM opened o WHERE o.post_id = i.post_id)
      )
      SELECT k.post_id, k.model_version, k.image_text_key, k.text_key, k.id AS classification_id, k.fresh,
        r.id AS review_item_id
      FROM classified k LEFT JOIN reviewed r ON r.post_id = k.post_id;
select "id", "post_id", "model_version", "image_text_key", "text_key" from "classifications" where "post_id" in ($1) and "model_version" in ($2);
select "id", "post_id" from "review_items" where "post_id" in ($1);

-- listCrawlableAccounts
select "a"."id", "a"."platform", "a"."handle", "a"."profile_url", "a"."person_id", "p"."region_code" from "accounts" as "a" inner join "people" as "p" on "p"."id" = "a"."person_id" where "p"."status" = $1 and "a"."id" in ($2) order by "a"."platform", "a"."handle";

-- recordAccountCrawled

      WITH account AS (
        UPDATE accounts SET status = $1, last_crawled_at = now(), updated_at = now()
         WHERE id = $2 RETURNING id
      ), prev AS (
        SELECT failed, posts_found FROM crawl_run_accounts
         WHERE run_id = $3 AND account_id = $4 FOR UPDATE
      ), up AS (
        INSERT INTO crawl_run_accounts AS c (run_id, account_id, status, posts_found, failed, errors)
        VALUES ($5, $6, $7, $8, $9, $10::jsonb)
        ON CONFLICT (run_id, account_id) DO UPDATE
           SET status = excluded.status, posts_found = excluded.posts_found, failed = excluded.failed,
               errors = excluded.errors, recorded_at = now()
         WHERE EXISTS (SELECT 1 FROM prev) AND (c.failed OR NOT excluded.failed)
        RETURNING 1
      ), delta AS (
        SELECT CASE WHEN p.failed IS NULL THEN 1 ELSE 0 END AS done,
               $11::boolean::int - coalesce(p.failed::int, 0) AS failed,
               $12::int - coalesce(p.posts_found, 0) AS posts,
               p.failed IS NOT NULL AS replaced
          FROM (SELECT 1) one LEFT JOIN prev p ON true
         WHERE EXISTS (SELECT 1 FROM up)
      ), run AS (
        UPDATE crawl_runs r
           SET accounts_done = r.accounts_done + d.done,
               accounts_failed = r.accounts_failed + d.failed,
               posts_found = r.posts_found + d.posts,
               -- A replaced result takes its errors with it; the new ones go last (recording order).
               errors = CASE WHEN d.replaced
                          THEN coalesce((SELECT jsonb_agg(e.value ORDER BY e.n)
                                           FROM jsonb_array_elements(r.errors) WITH ORDINALITY AS e(value, n)
                                          WHERE e.value->>'accountId' IS DISTINCT FROM $13), '[]'::jsonb)
                          ELSE r.errors END || $14::jsonb,
               status = CASE WHEN r.accounts_done + d.done >= r.accounts_total THEN 'completed' ELSE 'running' END,
               started_at = coalesce(r.started_at, now()),
               finished_at = CASE WHEN r.accounts_done + d.done >= r.accounts_total
                                  THEN coalesce(r.finished_at, now()) ELSE NULL END
          FROM delta d
         WHERE r.id = $15
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM up)::int AS wrote, (SELECT count(*) FROM prev)::int AS had_previous,
             (SELECT count(*) FROM account)::int AS accounts, (SELECT count(*) FROM run)::int AS runs;

      WITH account AS (
        UPDATE accounts SET status = $1, last_crawled_at = now(), updated_at = now()
         WHERE id = $2 RETURNING id
      ), prev AS (
        SELECT failed, posts_found FROM crawl_run_accounts
         WHERE run_id = $3 AND account_id = $4 FOR UPDATE
      ), up AS (
        INSERT INTO crawl_run_accounts AS c (run_id, account_id, status, posts_found, failed, errors)
        VALUES ($5, $6, $7, $8, $9, $10::jsonb)
        ON CONFLICT (run_id, account_id) DO UPDATE
           SET status = excluded.status, posts_found = excluded.posts_found, failed = excluded.failed,
               errors = excluded.errors, recorded_at = now()
         WHERE EXISTS (SELECT 1 FROM prev) AND (c.failed OR NOT excluded.failed)
        RETURNING 1
      ), delta AS (
        SELECT CASE WHEN p.failed IS NULL THEN 1 ELSE 0 END AS done,
               $11::boolean::int - coalesce(p.failed::int, 0) AS failed,
               $12::int - coalesce(p.posts_found, 0) AS posts,
               p.failed IS NOT NULL AS replaced
          FROM (SELECT 1) one LEFT JOIN prev p ON true
         WHERE EXISTS (SELECT 1 FROM up)
      ), run AS (
        UPDATE crawl_runs r
           SET accounts_done = r.accounts_done + d.done,
               accounts_failed = r.accounts_failed + d.failed,
               posts_found = r.posts_found + d.posts,
               -- A replaced result takes its errors with it; the new ones go last (recording order).
               errors = CASE WHEN d.replaced
                          THEN coalesce((SELECT jsonb_agg(e.value ORDER BY e.n)
                                           FROM jsonb_array_elements(r.errors) WITH ORDINALITY AS e(value, n)
                                          WHERE e.value->>'accountId' IS DISTINCT FROM $13), '[]'::jsonb)
                          ELSE r.errors END || $14::jsonb,
               status = CASE WHEN r.accounts_done + d.done >= r.accounts_total THEN 'completed' ELSE 'running' END,
               started_at = coalesce(r.started_at, now()),
               finished_at = CASE WHEN r.accounts_done + d.done >= r.accounts_total
                                  THEN coalesce(r.finished_at, now()) ELSE NULL END
          FROM delta d
         WHERE r.id = $15
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM up)::int AS wrote, (SELECT count(*) FROM prev)::int AS had_previous,
             (SELECT count(*) FROM account)::int AS accounts, (SELECT count(*) FROM run)::int AS runs;

      WITH account AS (
        UPDATE accounts SET status = $1, last_crawled_at = now(), updated_at = now()
         WHERE id = $2 RETURNING id
      ), prev AS (
        SELECT failed, posts_found FROM crawl_run_accounts
         WHERE run_id = $3 AND account_id = $4 FOR UPDATE
      ), up AS (
        INSERT INTO crawl_run_accounts AS c (run_id, account_id, status, posts_found, failed, errors)
        VALUES ($5, $6, $7, $8, $9, $10::jsonb)
        ON CONFLICT (run_id, account_id) DO UPDATE
           SET status = excluded.status, posts_found = excluded.posts_found, failed = excluded.failed,
               errors = excluded.errors, recorded_at = now()
         WHERE EXISTS (SELECT 1 FROM prev) AND (c.failed OR NOT excluded.failed)
        RETURNING 1
      ), delta AS (
        SELECT CASE WHEN p.failed IS NULL THEN 1 ELSE 0 END AS done,
               $11::boolean::int - coalesce(p.failed::int, 0) AS failed,
               $12::int - coalesce(p.posts_found, 0) AS posts,
               p.failed IS NOT NULL AS replaced
          FROM (SELECT 1) one LEFT JOIN prev p ON true
         WHERE EXISTS (SELECT 1 FROM up)
      ), run AS (
        UPDATE crawl_runs r
           SET accounts_done = r.accounts_done + d.done,
               accounts_failed = r.accounts_failed + d.failed,
               posts_found = r.posts_found + d.posts,
               -- A replaced result takes its errors with it; the new ones go last (recording order).
               errors = CASE WHEN d.replaced
                          THEN coalesce((SELECT jsonb_agg(e.value ORDER BY e.n)
                                           FROM jsonb_array_elements(r.errors) WITH ORDINALITY AS e(value, n)
                                          WHERE e.value->>'accountId' IS DISTINCT FROM $13), '[]'::jsonb)
                          ELSE r.errors END || $14::jsonb,
               status = CASE WHEN r.accounts_done + d.done >= r.accounts_total THEN 'completed' ELSE 'running' END,
               started_at = coalesce(r.started_at, now()),
               finished_at = CASE WHEN r.accounts_done + d.done >= r.accounts_total
                                  THEN coalesce(r.finished_at, now()) ELSE NULL END
          FROM delta d
         WHERE r.id = $15
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM up)::int AS wrote, (SELECT count(*) FROM prev)::int AS had_previous,
             (SELECT count(*) FROM account)::int AS accounts, (SELECT count(*) FROM run)::int AS runs;

      WITH account AS (
        UPDATE accounts SET status = $1, last_crawled_at = now(), updated_at = now()
         WHERE id = $2 RETURNING id
      ), prev AS (
        SELECT failed, posts_found FROM crawl_run_accounts
         WHERE run_id = $3 AND account_id = $4 FOR UPDATE
      ), up AS (
        INSERT INTO crawl_run_accounts AS c (run_id, account_id, status, posts_found, failed, errors)
        VALUES ($5, $6, $7, $8, $9, $10::jsonb)
        ON CONFLICT (run_id, account_id) DO UPDATE
           SET status = excluded.status, posts_found = excluded.posts_found, failed = excluded.failed,
               errors = excluded.errors, recorded_at = now()
         WHERE EXISTS (SELECT 1 FROM prev) AND (c.failed OR NOT excluded.failed)
        RETURNING 1
      ), delta AS (
        SELECT CASE WHEN p.failed IS NULL THEN 1 ELSE 0 END AS done,
               $11::boolean::int - coalesce(p.failed::int, 0) AS failed,
               $12::int - coalesce(p.posts_found, 0) AS posts,
               p.failed IS NOT NULL AS replaced
          FROM (SELECT 1) one LEFT JOIN prev p ON true
         WHERE EXISTS (SELECT 1 FROM up)
      ), run AS (
        UPDATE crawl_runs r
           SET accounts_done = r.accounts_done + d.done,
               accounts_failed = r.accounts_failed + d.failed,
               posts_found = r.posts_found + d.posts,
               -- A replaced result takes its errors with it; the new ones go last (recording order).
               errors = CASE WHEN d.replaced
                          THEN coalesce((SELECT jsonb_agg(e.value ORDER BY e.n)
                                           FROM jsonb_array_elements(r.errors) WITH ORDINALITY AS e(value, n)
                                          WHERE e.value->>'accountId' IS DISTINCT FROM $13), '[]'::jsonb)
                          ELSE r.errors END || $14::jsonb,
               status = CASE WHEN r.accounts_done + d.done >= r.accounts_total THEN 'completed' ELSE 'running' END,
               started_at = coalesce(r.started_at, now()),
               finished_at = CASE WHEN r.accounts_done + d.done >= r.accounts_total
                                  THEN coalesce(r.finished_at, now()) ELSE NULL END
          FROM delta d
         WHERE r.id = $15
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM up)::int AS wrote, (SELECT count(*) FROM prev)::int AS had_previous,
             (SELECT count(*) FROM account)::int AS accounts, (SELECT count(*) FROM run)::int AS runs;

      WITH account AS (
        UPDATE accounts SET status = $1, last_crawled_at = now(), updated_at = now()
         WHERE id = $2 RETURNING id
      ), prev AS (
        SELECT failed, posts_found FROM crawl_run_accounts
         WHERE run_id = $3 AND account_id = $4 FOR UPDATE
      ), up AS (
        INSERT INTO crawl_run_accounts AS c (run_id, account_id, status, posts_found, failed, errors)
        VALUES ($5, $6, $7, $8, $9, $10::jsonb)
        ON CONFLICT (run_id, account_id) DO UPDATE
           SET status = excluded.status, posts_found = excluded.posts_found, failed = excluded.failed,
               errors = excluded.errors, recorded_at = now()
         WHERE EXISTS (SELECT 1 FROM prev) AND (c.failed OR NOT excluded.failed)
        RETURNING 1
      ), delta AS (
        SELECT CASE WHEN p.failed IS NULL THEN 1 ELSE 0 END AS done,
               $11::boolean::int - coalesce(p.failed::int, 0) AS failed,
               $12::int - coalesce(p.posts_found, 0) AS posts,
               p.failed IS NOT NULL AS replaced
          FROM (SELECT 1) one LEFT JOIN prev p ON true
         WHERE EXISTS (SELECT 1 FROM up)
      ), run AS (
        UPDATE crawl_runs r
           SET accounts_done = r.accounts_done + d.done,
               accounts_failed = r.accounts_failed + d.failed,
               posts_found = r.posts_found + d.posts,
               -- A replaced result takes its errors with it; the new ones go last (recording order).
               errors = CASE WHEN d.replaced
                          THEN coalesce((SELECT jsonb_agg(e.value ORDER BY e.n)
                                           FROM jsonb_array_elements(r.errors) WITH ORDINALITY AS e(value, n)
                                          WHERE e.value->>'accountId' IS DISTINCT FROM $13), '[]'::jsonb)
                          ELSE r.errors END || $14::jsonb,
               status = CASE WHEN r.accounts_done + d.done >= r.accounts_total THEN 'completed' ELSE 'running' END,
               started_at = coalesce(r.started_at, now()),
               finished_at = CASE WHEN r.accounts_done + d.done >= r.accounts_total
                                  THEN coalesce(r.finished_at, now()) ELSE NULL END
          FROM delta d
         WHERE r.id = $15
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM up)::int AS wrote, (SELECT count(*) FROM prev)::int AS had_previous,
             (SELECT count(*) FROM account)::int AS accounts, (SELECT count(*) FROM run)::int AS runs;

-- countRecentFailures
select count(*) filter(where lower("username") = $1) as "by_username", count(*) filter(where "ip" = $2) as "by_ip" from "login_attempts" where "success" = $3 and "at" > $4;

-- findLiveSession
select "sessions".*, "users"."username", "users"."display_name", "users"."role", "users"."active" from "sessions" inner join "users" on "users"."id" = "sessions"."user_id" where "sessions"."id_hash" = $1 and "sessions"."expires_at" > $2;

-- listAudit
select * from "audit_log" where "entity_type" = $1 and "entity_id" = $2 and "actor_username" = $3 and "id" < $4 order by "id" desc limit $5;

-- readStoredRegistry
select "c".*, (select count(*) as "n" from "candidates" as "k" where "k"."contest_id" = "c"."id") as "candidate_count" from "contests" as "c" order by "c"."election_date", "c"."id";
select * from "candidates" order by "contest_id", "number";

-- nextCaseSequence (case numbers per office and year)
insert into "case_number_counters" ("office_code", "year", "last") values ($1, $2, $3) on conflict ("office_code", "year") do update set "last" = case_number_counters.last + 1 returning "last";

-- itemsForCase
select "ri"."id", "ri"."status", "ri"."created_at", "p"."posted_at", "p"."fetched_at", "a"."person_id", "ci"."case_id" as "existing_case_id", (select "d"."candidate" from "review_decisions" as "d" where "d"."review_item_id" = "ri"."id" order by "d"."created_at" desc limit $1) as "decided_candidate", "c"."candidate" as "model_candidate" from "review_items" as "ri" inner join "posts" as "p" on "p"."id" = "ri"."post_id" inner join "classifications" as "c" on "c"."id" = "ri"."classification_id" left join "accounts" as "a" on "a"."id" = "p"."account_id" left join "case_items" as "ci" on "ci"."review_item_id" = "ri"."id" where "ri"."id" in ($2);

-- lockPersonNip (adding or changing a person)
SELECT pg_advisory_xact_lock($1::int, hashtext($2));

-- lockAccountHandle (adding or changing an account)
SELECT pg_advisory_xact_lock($1::int, hashtext($2));

-- lockCrawlTarget ("crawl now" of one target)
SELECT pg_advisory_xact_lock($1::int, hashtext($2));

-- findActiveCrawlRun ("crawl now" sent again)
select * from "crawl_runs" where "target" = $1 and "status" in ($2, $3) and "created_at" > $4 order by "created_at" desc limit $5;

-- findActiveCrawlRunHolding ("crawl now" of accounts a crawl of all holds)
select "r".* from "crawl_runs" as "r" where "r"."target" in ($1, $2) and "r"."status" in ($3, $4) and "r"."created_at" > $5 and not exists (select "a"."id" from "accounts" as "a" where "a"."id" in ($6) and "a"."created_at" > "r"."created_at") order by "r"."created_at" desc limit $7;

-- findActiveListRunHolding ("crawl now" of accounts a crawl of a list holds)
select * from "crawl_runs" where "status" in ($1, $2) and "created_at" > $3 and "target" is not null and (left(target, $4) = $5 or left(target, $6) = $7) and account_ids @> $8::uuid[] order by "created_at" desc limit $9;

-- listPersonsOfAccounts (the failed-job pages’ read entry)
select distinct "a"."person_id" from "accounts" as "a" where ("a"."id" in ($1) or ("a"."platform", lower("a"."handle")) in (($2, $3), ($4, $5)));

-- lockItemsForCase (open a case, add items: under the items' locks)
select "id" from "review_items" where "id" in ($1) order by "id" for update;
select "ri"."id", "ri"."status", "ri"."created_at", "p"."posted_at", "p"."fetched_at", "a"."person_id", "ci"."case_id" as "existing_case_id", (select "d"."candidate" from "review_decisions" as "d" where "d"."review_item_id" = "ri"."id" order by "d"."created_at" desc limit $1) as "decided_candidate", "c"."candidate" as "model_candidate" from "review_items" as "ri" inner join "posts" as "p" on "p"."id" = "ri"."post_id" inner join "classifications" as "c" on "c"."id" = "ri"."classification_id" left join "accounts" as "a" on "a"."id" = "p"."account_id" left join "case_items" as "ci" on "ci"."review_item_id" = "ri"."id" where "ri"."id" in ($2);

-- listCases (the /cases list)
select "k"."id", "k"."case_number", "k"."case_type", "k"."status", "k"."regime", "k"."office_name", "k"."office_region_code", "k"."found_at", "k"."registered_at", "k"."info_requested_at", "k"."extended", "k"."contest_id", "k"."track", "k"."second_review_mode", "k"."created_at", "pe"."id" as "person_id", "pe"."name" as "person_name", (SELECT fr.reviewer_id FROM case_reviews fr WHERE fr.case_id = k.id AND fr.kind = 'first' ORDER BY fr.created_at LIMIT 1) as "first_reviewer_id", (select "o"."outcome" from "case_outcomes" as "o" where "o"."case_id" = "k"."id" order by "o"."recorded_at" desc limit $1) as "latest_outcome" from "cases" as "k" inner join "people" as "pe" on "pe"."id" = "k"."person_id" where "k"."status" = $2 and "k"."person_id" = $3 order by "k"."found_at" limit $4;

-- casesReferencing (a person or contest a case keeps)
select "case_number", count(*) over() as "total" from "cases" where "person_id" = $1 order by "case_number" limit $2;

-- listDoubleReviews (kappa)
select "f"."case_id", "fu"."username" as "first_analyst", "su"."username" as "second_analyst", "f"."verdict" as "first_verdict", "f"."skb_behaviour" as "first_behaviour", "s"."verdict" as "second_verdict", "s"."skb_behaviour" as "second_behaviour", "s"."mode" from "case_reviews" as "f" inner join "case_reviews" as "s" on "s"."case_id" = "f"."case_id" and "s"."kind" = $1 inner join "users" as "fu" on "fu"."id" = "f"."reviewer_id" inner join "users" as "su" on "su"."id" = "s"."reviewer_id" where "f"."kind" = $2;

-- listReferralsDue (follow-up reminders)
select "r"."id", "r"."case_id", "k"."case_number", "r"."recipient", "r"."letter_number", "r"."follow_up_on" from "referrals" as "r" inner join "cases" as "k" on "k"."id" = "r"."case_id" where "r"."follow_up_on" <= $1 and not exists (select "o"."id" from "case_outcomes" as "o" where "o"."case_id" = "r"."case_id") order by "r"."follow_up_on";

-- listOutcomesOfPerson
select "k"."id" as "case_id", "k"."case_number", "k"."status", "k"."track", "k"."second_review_mode", (SELECT fr.reviewer_id FROM case_reviews fr WHERE fr.case_id = k.id AND fr.kind = 'first' ORDER BY fr.created_at LIMIT 1) as "first_reviewer_id", "o"."outcome", "o"."sk_number", "o"."sk_date", "o"."recorded_at", "r"."recipient", "r"."letter_number" from "cases" as "k" left join "case_outcomes" as "o" on "o"."case_id" = "k"."id" left join "referrals" as "r" on "r"."id" = "o"."referral_id" where "k"."person_id" = $1 order by "k"."created_at", "o"."recorded_at";

-- logRead (UU PDP read log)
insert into "access_log" ("actor_id", "actor_username", "action", "entity_type", "entity_id", "ip", "person_ids") values ($1, $2, $3, $4, $5, $6, $7);

-- purgeUnflaggedPosts (retention)
select "p"."id" from "posts" as "p" where "p"."fetched_at" < $1 and (not exists (select "ri"."id" from "review_items" as "ri" where "ri"."post_id" = "p"."id") and not exists (select "c"."id" from "classifications" as "c" where "c"."post_id" = "p"."id" and "c"."flagged" = $2)) limit $3;
select "path" from "evidence_artefacts" where "post_id" in ($1);
delete from "posts" where "id" in ($1);

-- listPostsToRecheck
select "p"."id", "p"."platform", "p"."external_id", "p"."kind", "p"."url", "p"."author_handle", "a"."handle" as "account_handle" from "posts" as "p" left join "accounts" as "a" on "a"."id" = "p"."account_id" where "p"."deleted_at" is null and "p"."platform" in ($1, $2) and (exists (select "ri"."id" from "review_items" as "ri" where "ri"."post_id" = "p"."id") or exists (select "t"."id" from "tips" as "t" where "t"."post_id" = "p"."id")) and ("p"."last_checked_at" is null or "p"."last_checked_at" < $3) order by p.last_checked_at NULLS FIRST, "p"."id" limit $4;

-- recordSightingsAndTexts (a crawl's posts, with their stored and latest hashes)
/* netra:prepared */ 
    WITH input AS (
      SELECT * FROM unnest(
        $1::text[], $2::text[],
        $3::uuid[], $4::text[], $5::text[],
        $6::text[], $7::text[], $8::text[],
        $9::timestamptz[], $10::timestamptz[],
        $11::timestamptz[], $12::jsonb[],
        $13::jsonb[],
        -- Readings are only ever appended (see the update below): earlier classifications' evidence offsets
        -- point into the list as it was.
        $14::jsonb[], $15::jsonb[],
        $16::uuid[]
      ) AS i(platform, external_id, account_id, author_handle, url, kind, text, content_hash, posted_at, fetched_at,
        last_seen_at, context, media_descriptions, image_readings, raw, crawl_run_id)
    ), stored AS (
      INSERT INTO posts (platform, external_id, account_id, author_handle, url, kind, text, content_hash, posted_at,
        fetched_at, last_seen_at, context, media_descriptions, image_readings, raw, crawl_run_id)
      SELECT * FROM input
      ON CONFLICT (platform, external_id) DO UPDATE SET
        last_seen_at = greatest(posts.last_seen_at, excluded.last_seen_at),
        -- The scraper records the sighting before OCR has run: the first readings the classifier brings fill
        -- the empty list. Later readings of images the list does not have yet (a tip's further screenshot) are
        -- appended, in the job's order; readings already there stay as they are — every classification's
        -- evidence offsets point into the list as it was when it was computed, which appending keeps true.
        image_readings = CASE
          WHEN posts.image_readings = '[]'::jsonb THEN excluded.image_readings
          WHEN excluded.image_readings = '[]'::jsonb THEN posts.image_readings
          ELSE posts.image_readings || coalesce((
            SELECT jsonb_agg(e ORDER BY n) FROM jsonb_array_elements(excluded.image_readings) WITH ORDINALITY x(e, n)
            WHERE NOT posts.image_readings @> jsonb_build_array(jsonb_build_object('sha256', e->'sha256'))), '[]'::jsonb)
          END
      -- Only when that changes something. The classifier stores posts the scraper has already recorded: an
      -- unconditional update wrote a new version of every post row (and its index entries) for nothing. The
      -- image check reads the lists only when both have readings (a further image, or a retried job).
      WHERE posts.last_seen_at < excluded.last_seen_at
        OR (excluded.image_readings <> '[]'::jsonb AND (posts.image_readings = '[]'::jsonb
          OR EXISTS (SELECT 1 FROM jsonb_array_elements(excluded.image_readings) e
            WHERE NOT posts.image_readings @> jsonb_build_array(jsonb_build_object('sha256', e->'sha256')))))
      -- xmax = 0 only for a freshly inserted row: tells insert from update in the same statement.
      RETURNING id, platform, external_id, (xmax = 0) AS inserted, content_hash
    ), unchanged AS (
      -- Posts already stored that the update skipped; the snapshot shows the rows as they were before this
      -- statement, i.e. exactly the stored ones (a post inserted by this statement is not in it).
      SELECT p.id, p.platform, p.external_id, false AS inserted, p.content_hash
      FROM input i CROSS JOIN LATERAL (
        SELECT id, platform, external_id, content_hash FROM posts
        WHERE platform = i.platform AND external_id = i.external_id LIMIT 1) p
      WHERE NOT EXISTS (SELECT 1 FROM stored s WHERE s.platform = i.platform AND s.external_id = i.external_id)
    ), known AS (
      SELECT id, platform, external_id, inserted, content_hash FROM stored
      UNION ALL
      SELECT id, platform, external_id, inserted, content_hash FROM unchanged
    ), artefacts AS (
      SELECT s.id AS post_id, s.inserted, e.kind, e.sha256, e.bytes, e.media_type, e.path, e.captured_at
      FROM unnest(
        $17::text[], $18::text[],
        $19::text[], $20::text[],
        $21::integer[], $22::text[],
        $23::text[], $24::timestamptz[]
      ) AS e(platform, external_id, kind, sha256, bytes, media_type, path, captured_at)
      JOIN known s ON s.platform = e.platform AND s.external_id = e.external_id
    ), new_evidence AS (
      -- A post this statement inserted has a new id: none of its evidence can exist (the batch's own repeats
      -- are merged before), so a plain insert, without ON CONFLICT's extra index probe and confirmation per row.
      INSERT INTO evidence_artefacts (post_id, kind, sha256, bytes, media_type, path, captured_at)
      SELECT post_id, kind, sha256, bytes, media_type, path, captured_at FROM artefacts WHERE inserted
    ), evidence AS (
      INSERT INTO evidence_artefacts (post_id, kind, sha256, bytes, media_type, path, captured_at)
      SELECT post_id, kind, sha256, bytes, media_type, path, captured_at FROM artefacts WHERE NOT inserted
      ON CONFLICT (post_id, sha256) DO NOTHING
    )
    SELECT k.id, k.platform, k.external_id, k.inserted, k.content_hash, v.content_hash AS latest_hash
    FROM known k LEFT JOIN LATERAL (
      SELECT content_hash FROM post_versions WHERE post_id = k.id ORDER BY version DESC LIMIT 1) v ON true;
/* netra:prepared */ 
    WITH input AS (
      SELECT * FROM unnest(
        $1::text[], $2::text[],
        $3::uuid[], $4::text[], $5::text[],
        $6::text[], $7::text[], $8::text[],
        $9::timestamptz[], $10::timestamptz[],
        $11::timestamptz[], $12::jsonb[],
        $13::jsonb[],
        -- Readings are only ever appended (see the update below): earlier classifications' evidence offsets
        -- point into the list as it was.
        $14::jsonb[], $15::jsonb[],
        $16::uuid[]
      ) AS i(platform, external_id, account_id, author_handle, url, kind, text, content_hash, posted_at, fetched_at,
        last_seen_at, context, media_descriptions, image_readings, raw, crawl_run_id)
    ), stored AS (
      INSERT INTO posts (platform, external_id, account_id, author_handle, url, kind, text, content_hash, posted_at,
        fetched_at, last_seen_at, context, media_descriptions, image_readings, raw, crawl_run_id)
      SELECT * FROM input
      ON CONFLICT (platform, external_id) DO UPDATE SET
        last_seen_at = greatest(posts.last_seen_at, excluded.last_seen_at),
        -- The scraper records the sighting before OCR has run: the first readings the classifier brings fill
        -- the empty list. Later readings of images the list does not have yet (a tip's further screenshot) are
        -- appended, in the job's order; readings already there stay as they are — every classification's
        -- evidence offsets point into the list as it was when it was computed, which appending keeps true.
        image_readings = CASE
          WHEN posts.image_readings = '[]'::jsonb THEN excluded.image_readings
          WHEN excluded.image_readings = '[]'::jsonb THEN posts.image_readings
          ELSE posts.image_readings || coalesce((
            SELECT jsonb_agg(e ORDER BY n) FROM jsonb_array_elements(excluded.image_readings) WITH ORDINALITY x(e, n)
            WHERE NOT posts.image_readings @> jsonb_build_array(jsonb_build_object('sha256', e->'sha256'))), '[]'::jsonb)
          END
      -- Only when that changes something. The classifier stores posts the scraper has already recorded: an
      -- unconditional update wrote a new version of every post row (and its index entries) for nothing. The
      -- image check reads the lists only when both have readings (a further image, or a retried job).
      WHERE posts.last_seen_at < excluded.last_seen_at
        OR (excluded.image_readings <> '[]'::jsonb AND (posts.image_readings = '[]'::jsonb
          OR EXISTS (SELECT 1 FROM jsonb_array_elements(excluded.image_readings) e
            WHERE NOT posts.image_readings @> jsonb_build_array(jsonb_build_object('sha256', e->'sha256')))))
      -- xmax = 0 only for a freshly inserted row: tells insert from update in the same statement.
      RETURNING id, platform, external_id, (xmax = 0) AS inserted, content_hash
    ), unchanged AS (
      -- Posts already stored that the update skipped; the snapshot shows the rows as they were before this
      -- statement, i.e. exactly the stored ones (a post inserted by this statement is not in it).
      SELECT p.id, p.platform, p.external_id, false AS inserted, p.content_hash
      FROM input i CROSS JOIN LATERAL (
        SELECT id, platform, external_id, content_hash FROM posts
        WHERE platform = i.platform AND external_id = i.external_id LIMIT 1) p
      WHERE NOT EXISTS (SELECT 1 FROM stored s WHERE s.platform = i.platform AND s.external_id = i.external_id)
    ), known AS (
      SELECT id, platform, external_id, inserted, content_hash FROM stored
      UNION ALL
      SELECT id, platform, external_id, inserted, content_hash FROM unchanged
    ), artefacts AS (
      SELECT s.id AS post_id, s.inserted, e.kind, e.sha256, e.bytes, e.media_type, e.path, e.captured_at
      FROM unnest(
        $17::text[], $18::text[],
        $19::text[], $20::text[],
        $21::integer[], $22::text[],
        $23::text[], $24::timestamptz[]
      ) AS e(platform, external_id, kind, sha256, bytes, media_type, path, captured_at)
      JOIN known s ON s.platform = e.platform AND s.external_id = e.external_id
    ), new_evidence AS (
      -- A post this statement inserted has a new id: none of its evidence can exist (the batch's own repeats
      -- are merged before), so a plain insert, without ON CONFLICT's extra index probe and confirmation per row.
      INSERT INTO evidence_artefacts (post_id, kind, sha256, bytes, media_type, path, captured_at)
      SELECT post_id, kind, sha256, bytes, media_type, path, captured_at FROM artefacts WHERE inserted
    ), evidence AS (
      INSERT INTO evidence_artefacts (post_id, kind, sha256, bytes, media_type, path, captured_at)
      SELECT post_id, kind, sha256, bytes, media_type, path, captured_at FROM artefacts WHERE NOT inserted
      ON CONFLICT (post_id, sha256) DO NOTHING
    )
    SELECT k.id, k.platform, k.external_id, k.inserted, k.content_hash, v.content_hash AS latest_hash
    FROM known k LEFT JOIN LATERAL (
      SELECT content_hash FROM post_versions WHERE post_id = k.id ORDER BY version DESC LIMIT 1) v ON true;

-- findPostForTextJob
select "p"."platform", "p"."external_id", "p"."url", "p"."kind", "p"."account_id", "p"."author_handle", "p"."posted_at", "p"."context", "p"."media_descriptions", "p"."raw", "p"."image_readings", coalesce(pa.region_code, pt.region_code) as "region_code", t.id IS NOT NULL as "tip", "pi"."kind" as "interaction_kind", "pi"."interacted_at", "pi"."target_type", "pi"."target_external_id", "pi"."target_url", "pi"."target_author", "pi"."target_text", "pi"."target_candidate" from "posts" as "p" left join "accounts" as "a" on "a"."id" = "p"."account_id" left join "people" as "pa" on "pa"."id" = "a"."person_id" left join "tips" as "t" on "t"."post_id" = "p"."id" left join "people" as "pt" on "pt"."id" = "t"."person_id" left join "post_interactions" as "pi" on "pi"."post_id" = "p"."id" where "p"."id" = $1;

-- saveInteractions
insert into "post_interactions" ("post_id", "kind", "target_type", "target_external_id", "target_url", "target_author", "target_text", "target_candidate", "interacted_at") values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict ("post_id") do nothing;

-- findWatchedAccount
select "a"."id", "a"."person_id", "a"."handle", "pe"."region_code" from "accounts" as "a" inner join "people" as "pe" on "pe"."id" = "a"."person_id" where "a"."platform" = $1 and lower(a.handle) = $2;

-- storedPostedAt
select "posted_at" from "posts" where "id" = $1;

-- listPostIdsForEvidence
select "id", raw->>'evidenceManifest' as "manifest" from "posts" where "id" > $1 order by "id" limit $2;
