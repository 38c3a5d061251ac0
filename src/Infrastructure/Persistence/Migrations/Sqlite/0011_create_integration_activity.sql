-- What each integration's Linnworks calls did (issue 13): the last call and last error per endpoint family, and
-- hourly counts. Written coalesced, about once a minute per node, never per call.
CREATE TABLE IntegrationActivity (
    IntegrationId TEXT    NOT NULL,
    Family        TEXT    NOT NULL,
    LastCallUtc   TEXT    NOT NULL,
    LastEndpoint  TEXT    NOT NULL,
    LastOutcome   TEXT    NOT NULL,
    LastMs        REAL    NOT NULL,
    LastItems     INTEGER NOT NULL,
    LastError     TEXT    NULL,
    LastErrorUtc  TEXT    NULL,
    PRIMARY KEY (IntegrationId, Family)
);

CREATE TABLE IntegrationActivityHours (
    IntegrationId TEXT    NOT NULL,
    Family        TEXT    NOT NULL,
    HourUtc       TEXT    NOT NULL,
    Calls         INTEGER NOT NULL,
    Problems      INTEGER NOT NULL,
    PRIMARY KEY (IntegrationId, Family, HourUtc)
);
