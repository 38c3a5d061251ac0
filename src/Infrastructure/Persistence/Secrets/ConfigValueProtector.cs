using Microsoft.AspNetCore.DataProtection;

namespace ChannelBridge.Infrastructure.Persistence.Secrets;

/// <summary>Encrypts PASSWORD config values before they reach the database (ASP.NET Core Data Protection).</summary>
internal sealed class ConfigValueProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("ChannelBridge.ConfigValues.v1");

    public string Protect(string plaintext) => _protector.Protect(plaintext);

    public string Unprotect(string ciphertext) => _protector.Unprotect(ciphertext);
}
