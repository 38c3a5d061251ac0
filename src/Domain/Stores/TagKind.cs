namespace ChannelBridge.Domain.Stores;

public enum TagKind
{
    Shipping = 1,
    Payment = 2,
}
