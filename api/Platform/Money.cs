namespace MediaCoop.Api.Platform;

/// <summary>An amount in integer minor units (cents) of an ISO 4217 currency; formatted only in the UI.</summary>
public sealed record Money(long Amount, string Currency)
{
    public static Money Usd(long amount) => new(amount, "USD");
}
