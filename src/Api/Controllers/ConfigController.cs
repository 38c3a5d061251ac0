using ChannelBridge.Api.Infrastructure;
using ChannelBridge.Application.Config;
using ChannelBridge.Application.Config.AddNewUser;
using ChannelBridge.Application.Config.DeleteConfig;
using ChannelBridge.Application.Config.GetPaymentTags;
using ChannelBridge.Application.Config.GetShippingTags;
using ChannelBridge.Application.Config.GetUserConfig;
using ChannelBridge.Application.Config.SaveConfig;
using ChannelBridge.Application.Config.TestConfig;
using Microsoft.AspNetCore.Mvc;

namespace ChannelBridge.Api.Controllers;

/// <summary>Linnworks' config endpoints: integration, wizard, test, tags, deletion. Always HTTP 200; failures set Error.</summary>
[LinnworksApi]
[Produces("application/json")]
[Route("api/Config")]
[Tags("Linnworks: Config")]
[InteractiveRequests]
public sealed class ConfigController : ApiControllerBase
{
    /// <summary>The seller pressed Integrate: returns a new AuthorizationToken.</summary>
    [HttpPost("AddNewUser")]
    [LinnworksManifest("AddNewUserEndpoint")]
    [ProducesResponseType<AddNewUserResponse>(StatusCodes.Status200OK)]
    public async Task<ActionResult<AddNewUserResponse>> AddNewUser(AddNewUserCommand command, CancellationToken cancellationToken) =>
        Ok(await Mediator.Send(command, cancellationToken));

    /// <summary>The current wizard step, or StepName "UserConfig" with the config screen.</summary>
    [HttpPost("UserConfig")]
    [LinnworksManifest("UserConfigEndpoint")]
    [ProducesResponseType<UserConfigResponse>(StatusCodes.Status200OK)]
    public async Task<ActionResult<UserConfigResponse>> UserConfig(UserConfigQuery query, CancellationToken cancellationToken) =>
        Ok(await Mediator.Send(query, cancellationToken));

    /// <summary>Validates and stores a step's values and returns the next step.</summary>
    [HttpPost("SaveConfig")]
    [LinnworksManifest("SaveConfigEndpoint")]
    [ProducesResponseType<UserConfigResponse>(StatusCodes.Status200OK)]
    public async Task<ActionResult<UserConfigResponse>> SaveConfig(SaveConfigCommand command, CancellationToken cancellationToken) =>
        Ok(await Mediator.Send(command, cancellationToken));

    /// <summary>Is the configuration still valid (wizard complete, store linked, active, key current)?</summary>
    [HttpPost("ConfigTest")]
    [LinnworksManifest("ConfigTestEndpoint")]
    [ProducesResponseType<ConfigTestResponse>(StatusCodes.Status200OK)]
    public async Task<ActionResult<ConfigTestResponse>> ConfigTest(ConfigTestCommand command, CancellationToken cancellationToken) =>
        Ok(await Mediator.Send(command, cancellationToken));

    /// <summary>The integration was deleted in Linnworks: its token stops working.</summary>
    [HttpPost("ConfigDeleted")]
    [LinnworksManifest("ConfigDeletedEndpoint")]
    [ProducesResponseType<ConfigDeletedResponse>(StatusCodes.Status200OK)]
    public async Task<ActionResult<ConfigDeletedResponse>> ConfigDeleted(ConfigDeletedCommand command, CancellationToken cancellationToken) =>
        Ok(await Mediator.Send(command, cancellationToken));

    /// <summary>The linked store's shipping tags, for mapping to Linnworks postal services.</summary>
    [HttpPost("ShippingTags")]
    [LinnworksManifest("ShippingTagsEndpoint")]
    [ProducesResponseType<ShippingTagsResponse>(StatusCodes.Status200OK)]
    public async Task<ActionResult<ShippingTagsResponse>> ShippingTags(ShippingTagsQuery query, CancellationToken cancellationToken) =>
        Ok(await Mediator.Send(query, cancellationToken));

    /// <summary>The linked store's payment tags, for mapping to Linnworks payment methods.</summary>
    [HttpPost("PaymentTags")]
    [LinnworksManifest("PaymentTagsEndpoint")]
    [ProducesResponseType<PaymentTagsResponse>(StatusCodes.Status200OK)]
    public async Task<ActionResult<PaymentTagsResponse>> PaymentTags(PaymentTagsQuery query, CancellationToken cancellationToken) =>
        Ok(await Mediator.Send(query, cancellationToken));
}
