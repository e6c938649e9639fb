namespace MediaCoop.Api.Curation;

public static class Curation
{
    public static RouteGroupBuilder MapCuration(this RouteGroupBuilder api) => api.MapReview().MapReviewAssets().MapAppeals().MapCollections().MapApplications();
}
