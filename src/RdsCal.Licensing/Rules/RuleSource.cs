namespace RdsCal.Licensing.Rules;

/// <summary>
/// A public source for what a rule states: a Microsoft Learn page where one exists. <see cref="Note"/> says what
/// the source supports and, where the claim is weaker than the source (an inference, an unverified report), says so.
/// </summary>
/// <param name="Title">The page's title, as published.</param>
/// <param name="Url">Where to read it.</param>
/// <param name="Note">What it supports, and how firmly.</param>
public sealed record RuleSource(string Title, string Url, string Note);
