# ChannelBridge as a container: the framework-dependent publish for Linux on the ASP.NET Core image. Not built by CI
# (no Docker engine on the build machines); its publish step, run by hand, serves /health.
# docker build -t channelbridge . && docker run -p 8080:8080 -e ChannelApi__OperatorKey=… -e DataProtection__KeyRingKey=… channelbridge
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
# For Linux only (--os linux): the image carries the native libraries of its own platform alone (16 MB of service
# instead of 51), and not the Windows SQL Server network library, which is under Microsoft's own terms (docs/licences.md).
RUN dotnet publish src/Api/Api.csproj -c Release --os linux -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# SQLite by default: keep the database on a volume. For SQL Server set Database__Provider and the connection string.
# DOTNET_GCgen0size: the garbage collector's gen0 budget, 32 MiB (ADR-020); only the environment can set it.
ENV ASPNETCORE_URLS=http://+:8080 \
    ConnectionStrings__ChannelBridge="Data Source=/data/channelbridge.db" \
    DOTNET_GCgen0size=0x2000000
RUN mkdir -p /data && chown "$APP_UID" /data
VOLUME /data
EXPOSE 8080
USER $APP_UID
# Probes: GET /health/live (process answers) and GET /health/ready (database writable, migrations, webhook worker).
ENTRYPOINT ["dotnet", "ChannelBridge.Api.dll"]
