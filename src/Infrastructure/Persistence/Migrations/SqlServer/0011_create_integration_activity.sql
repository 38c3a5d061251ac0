-- What each integration's Linnworks calls did (issue 13): the last call and last error per endpoint family, and
-- hourly counts. Written coalesced, about once a minute per node, never per call.
CREATE TABLE dbo.IntegrationActivity (
    IntegrationId NVARCHAR(64)   NOT NULL,
    Family        VARCHAR(20)    NOT NULL,
    LastCallUtc   DATETIME2(7)   NOT NULL,
    LastEndpoint  VARCHAR(60)    NOT NULL,
    LastOutcome   VARCHAR(20)    NOT NULL,
    LastMs        FLOAT          NOT NULL,
    LastItems     INT            NOT NULL,
    LastError     NVARCHAR(1000) NULL,
    LastErrorUtc  DATETIME2(7)   NULL,
    CONSTRAINT PK_IntegrationActivity PRIMARY KEY (IntegrationId, Family)
);

CREATE TABLE dbo.IntegrationActivityHours (
    IntegrationId NVARCHAR(64) NOT NULL,
    Family        VARCHAR(20)  NOT NULL,
    HourUtc       DATETIME2(0) NOT NULL,
    Calls         INT          NOT NULL,
    Problems      INT          NOT NULL,
    CONSTRAINT PK_IntegrationActivityHours PRIMARY KEY (IntegrationId, Family, HourUtc)
);
