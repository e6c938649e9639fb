using System.Security.Claims;
using FluentValidation;
using MediaCoop.Api.Platform;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace MediaCoop.Api.Members;

public sealed record AntiforgeryTokenResponse(string HeaderName, string Token);

public sealed record RegisterRequest(string Email, string Password, string DisplayName);

public sealed class RegisterRequestValidator : AbstractValidator<RegisterRequest>
{
    public RegisterRequestValidator()
    {
        RuleFor(r => r.Email).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter your email address.")
            .MaximumLength(254).WithMessage("An email address has at most 254 characters.")
            .EmailAddress().WithMessage("Enter an email address like name@example.com.");
        RuleFor(r => r.Password).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Choose a password.")
            .MinimumLength(PasswordPolicy.MinLength).WithMessage($"Use at least {PasswordPolicy.MinLength} characters; a few unrelated words work well.")
            .MaximumLength(PasswordPolicy.MaxLength).WithMessage($"Use at most {PasswordPolicy.MaxLength} characters.")
            .Must(p => !PasswordPolicy.IsCommon(p)).WithMessage("This password is too common and would be guessed quickly. Choose another.")
            .Must((r, p) => r.Email is null || !p.Trim().Equals(r.Email.Trim(), StringComparison.OrdinalIgnoreCase))
            .WithMessage("Your password must not be your email address.");
        RuleFor(r => r.DisplayName).Cascade(CascadeMode.Stop)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter the name other members and buyers will see.")
            .Must(n => n.Trim().Length <= 80).WithMessage("A display name has at most 80 characters.");
    }
}

public sealed record LoginRequest(string Email, string Password);

public sealed class LoginRequestValidator : AbstractValidator<LoginRequest>
{
    public LoginRequestValidator()
    {
        RuleFor(r => r.Email).NotEmpty().WithMessage("Enter your email address.");
        RuleFor(r => r.Password).NotEmpty().WithMessage("Enter your password.");
    }
}

public static class AuthEndpoints
{
    public static RouteGroupBuilder MapAuth(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Members");

        auth.MapGet("/antiforgery", GetAntiforgeryToken).WithName("GetAntiforgeryToken").AllowAnonymous();
        auth.MapPost("/register", Register).WithName("Register").AllowAnonymous()
            .WithValidation<RegisterRequest>().RequireRateLimiting(Auth.SignInRateLimit)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/login", Login).WithName("Login").AllowAnonymous()
            .WithValidation<LoginRequest>().RequireRateLimiting(Auth.SignInRateLimit)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/logout", Logout).WithName("Logout").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return api;
    }

    [EndpointSummary("Get an antiforgery token")]
    [EndpointDescription("Browsers: the token to send in the `X-XSRF-TOKEN` header on every write made with the session cookie. Fetch a new one after signing in or out. API-key clients do not need it.")]
    private static Ok<AntiforgeryTokenResponse> GetAntiforgeryToken(HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new AntiforgeryTokenResponse(AntiforgeryProtection.HeaderName, tokens.RequestToken!));
    }

    [EndpointSummary("Create an account")]
    [EndpointDescription("Creates a buyer account and signs it in (sets the session cookie). 409 when the e-mail address is taken. Rate-limited per client address.")]
    private static async Task<Results<Created<MeResponse>, ProblemHttpResult>> Register(
        RegisterRequest request, HttpContext http, Accounts accounts, NpgsqlDataSource dataSource)
    {
        var account = await accounts.CreateAsync(request.Email, request.Password, request.DisplayName);
        if (account is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "Email already registered",
                detail: "An account with this email already exists. Sign in instead, or use another email.",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["email"] = ["An account with this email already exists."] } });

        await SignInAsync(http, accounts, account.Id);
        var me = await MeEndpoints.LoadAsync(dataSource, account.Id);
        return TypedResults.Created("/api/v1/me", me);
    }

    [EndpointSummary("Sign in")]
    [EndpointDescription("Checks the e-mail and password and sets the session cookie. Repeated failures lock the account for a while. Rate-limited per client address.")]
    private static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> Login(
        LoginRequest request, HttpContext http, Accounts accounts, NpgsqlDataSource dataSource)
    {
        var outcome = await accounts.VerifyAsync(request.Email, request.Password, http.RequestAborted);
        switch (outcome)
        {
            case SignInOutcome.Success success:
                await SignInAsync(http, accounts, success.UserId);
                return TypedResults.Ok((await MeEndpoints.LoadAsync(dataSource, success.UserId))!);
            case SignInOutcome.Locked locked:
                var minutes = Math.Max(1, (int)Math.Ceiling(locked.RetryAfter.TotalMinutes));
                return Auth.TooManyRequests(http, locked.RetryAfter,
                    $"Too many failed sign-ins for this email. Try again in {minutes} minute{(minutes == 1 ? "" : "s")}.");
            default:
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
                    title: "Sign-in failed", detail: "The email or password is incorrect.");
        }
    }

    [EndpointSummary("Sign out")]
    [EndpointDescription("Ends the session on every node and clears the cookie.")]
    private static async Task<NoContent> Logout(HttpContext http, Accounts accounts)
    {
        if (Guid.TryParse(http.User.FindFirstValue(MediaCoopClaims.SessionId), out var sessionId))
            await accounts.RevokeSessionAsync(sessionId);
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    private static async Task SignInAsync(HttpContext http, Accounts accounts, Guid userId)
    {
        var sessionId = await accounts.OpenSessionAsync(userId, http.Request.Headers.UserAgent.ToString());
        var principal = SessionPrincipal.Create(userId, sessionId, await accounts.RolesAsync(userId));
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal,
            new AuthenticationProperties { IsPersistent = true });
    }
}
